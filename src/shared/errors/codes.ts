/**
 * The reason-code catalogue (ADR 0033): every refusal the server gives has a stable reason code, the envelope code
 * (`ERRORS` in ./index: the HTTP status and the class a client branches on) and a Chinese message template written
 * for the person at the keyboard, saying what to do next. `{name}` in a template is filled from the error's details
 * (`AppError.of('REVIEW_DEADLINE_PASSED', { level: '县区', deadline: '2026年6月30日', action: '县区审核通过' })`).
 *
 * The response keeps the envelope `{ code, message, fieldErrors, requestId }`; the reason code travels in the
 * `x-error-reason` header, so a client can tell "deadline passed" from "already handled" without reading Chinese.
 * A leaf module: it imports nothing.
 */
export const REASONS = {
  // ------------------------------------------------------------------ not found (404)
  FILING_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该申报，或您无权查看。请返回列表刷新后重新打开。' },
  TRANSFERRED_FILING_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '未找到该申报，或该申报没有从本辖区转出。',
  },
  CAMPAIGN_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该填报批次，请刷新页面后重新选择批次。' },
  NO_CURRENT_CAMPAIGN: { code: 'NOT_FOUND', message: '当前没有填报批次，请留意工信部门的通知。' },
  EXTENSION_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该延期记录，可能已被删除，请刷新页面。' },
  REGION_DEADLINES_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该地区的截止时间，或您无权查看。' },
  REGION_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该地区，或不在您的管辖范围内。' },
  ENTERPRISE_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该企业，或不在您的管辖范围内。' },
  OWN_ENTERPRISE_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到贵企业的信息，请重新登录。' },
  EVALUATION_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该评价记录，或不在您的管辖范围内。' },
  STANDARD_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该评价标准，请刷新页面后重新选择。' },
  USER_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该工信部门账号，请刷新账号列表后重试。' },
  FILE_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该文件，或您无权查看。' },
  MESSAGE_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该消息，可能已被清理，请刷新消息列表。' },
  RECORD_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该记录，或不在您的管辖范围内。' },
  CAPTCHA_NOT_FOUND: { code: 'NOT_FOUND', message: '图形验证码不存在，请刷新验证码。' },
  CLEARANCE_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该清退记录，或不在您的管辖范围内。' },
  CLEARANCES_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '所选记录中有未找到或不在您管辖范围内的清退建议，请刷新后重试。',
  },
  LIST_EVALUATION_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该评价记录，或不属于本市本批次。' },
  LIST_ENTRY_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该企业条目，请刷新名单后重试。' },
  OBJECTION_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该异议，请刷新异议列表后重试。' },
  ATTACHMENT_NOT_FOUND: { code: 'NOT_FOUND', message: '未找到该附件，可能已被删除，请刷新页面。' },
  QUALITY_SCORE_ENTERPRISE_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '未找到该企业，或该企业不在您的管辖范围内。',
  },
  REGISTRATION_LICENCE_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '未找到注册时上传的营业执照，请直接上传营业执照扫描件或照片。',
  },

  LIST_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '未找到该名单，或不在您的管辖范围内。请返回名单列表刷新后重新打开。',
  },
  PUBLIC_LIST_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '未找到该名单，或名单尚未公示。请返回公示名单列表重新选择。',
  },
  OBJECTION_LOOKUP_NOT_FOUND: {
    code: 'NOT_FOUND',
    message: '未找到该异议：请核对受理编号和提交异议时所留联系电话的后 4 位后重试。',
  },

  // ------------------------------------------------------------------ permissions (403)
  ACCOUNT_DISABLED: { code: 'FORBIDDEN', message: '该账号已停用，无法登录。如需恢复，请联系当地工信部门。' },
  DEV_LOCAL_ONLY: { code: 'FORBIDDEN', message: '开发调试接口仅允许本机访问。' },
  ROLE_CANNOT_ACT: { code: 'FORBIDDEN', message: '您的账号不能执行“{action}”操作。' },
  EVALUATION_CITY_ONLY: { code: 'FORBIDDEN', message: '只有企业所在设区市的工信部门可以修正评价数据。' },
  PROVINCE_SETTINGS_ONLY: {
    code: 'FORBIDDEN',
    message: '只有省工信厅可以修改省级设置；如需调整，请联系省工信厅中小企业局。',
  },
  STANDARD_THRESHOLDS_PROVINCE_ONLY: { code: 'FORBIDDEN', message: '只有省工信厅可以修改评价标准的门槛值。' },
  CAMPAIGN_STANDARD_PROVINCE_ONLY: { code: 'FORBIDDEN', message: '只有省工信厅可以设置批次适用的评价标准。' },
  QUALITY_SCORES_GOV_ONLY: { code: 'FORBIDDEN', message: '只有工信部门可以查看质量评价得分。' },
  QUALITY_SCORES_ENTRY_ONLY: {
    code: 'FORBIDDEN',
    message: '质量评价得分由省工信厅或设区市工信部门录入、导入。',
  },
  PII_OUT_OF_SCOPE: { code: 'FORBIDDEN', message: '该记录不在您的管辖范围内，不能查看完整号码。' },
  PII_ROLE_CANNOT_VIEW: { code: 'FORBIDDEN', message: '您的角色不能查看这个完整号码。' },
  REVIEWER_CANNOT_EDIT_FILING: { code: 'FORBIDDEN', message: '审核人员只能查看企业填报，不能修改或提交。' },
  REVIEWER_CANNOT_EDIT_ATTACHMENTS: {
    code: 'FORBIDDEN',
    message: '审核人员只能查看企业填报，不能修改附件。',
  },
  ENTERPRISE_ONLY_FILING: { code: 'FORBIDDEN', message: '仅企业用户可以发起填报。' },
  LIST_CITY_ONLY: { code: 'FORBIDDEN', message: '只有本市工信部门可以办理本市名单，省工信厅只能查看。' },
  LIST_COMPILE_CITY_ONLY: { code: 'FORBIDDEN', message: '只有设区市工信部门可以编制名单。' },
  OWN_FILINGS_ENTERPRISE_ONLY: {
    code: 'FORBIDDEN',
    message: '“我的填报”仅供企业账号使用；本地区的填报请在“待我审核”中查看（支持筛选和分页）。',
  },
  TRANSFER_OUTSIDE_CITY: {
    code: 'FORBIDDEN',
    message: '只能转交给{cityName}所辖的县（市、区）；如企业注册地在其他设区市，请联系省工信厅转交。',
  },

  // ------------------------------------------------------------------ state and deadlines (409)
  WRONG_STATUS_FOR_ACTION: {
    code: 'INVALID_STATE',
    message: '该申报当前状态为“{status}”，不能执行“{action}”。请刷新查看最新状态。',
  },
  REVIEW_DEADLINE_PASSED: {
    code: 'WINDOW_CLOSED',
    message:
      '{level}审核截止时间（{deadline}）已过，不能再“{action}”。如需延期，请联系省工信厅为本地区设置延期。',
  },
  FILING_ALREADY_HANDLED: { code: 'CONFLICT', message: '该申报已被他人处理，请刷新查看最新状态' },
  EVALUATION_CHANGED: { code: 'CONFLICT', message: '该评价已被他人修正，请刷新查看最新数据后再修改。' },
  EVALUATION_LIST_FROZEN: {
    code: 'INVALID_STATE',
    message: '本市名单已进入公示，评价数据不能再修正；如需调整请通过异议处理。',
  },
  STANDARD_CHANGED_TO: { code: 'CONFLICT', message: '该标准已被他人修改为第 {version} 版，请刷新后再修改。' },
  STANDARD_CHANGED: { code: 'CONFLICT', message: '该标准刚被他人修改，请刷新后再修改。' },
  OWN_SESSION: { code: 'INVALID_STATE', message: '不能在此结束自己的登录，请使用“退出”。' },
  OWN_SECOND_FACTOR: {
    code: 'INVALID_STATE',
    message:
      '不能重置自己的第二因素：请由另一位安全管理员操作，或由运维人员执行 npm run cli -- reset-second-factor。',
  },

  OWN_ACCOUNT_DISABLE: { code: 'INVALID_STATE', message: '不能停用自己的账号。' },
  OWN_PASSWORD_RESET: { code: 'INVALID_STATE', message: '不能在此重置自己的密码，请在“账号设置”中修改。' },

  NO_OPEN_CAMPAIGN: { code: 'WINDOW_CLOSED', message: '当前没有填报批次，请留意省工信厅的年度通知。' },
  FILING_NOT_YET_OPEN: {
    code: 'WINDOW_CLOSED',
    message: '{campaign}的企业填报尚未开始：填报时间为{window}，请在开始后再填报。',
  },
  FILING_WINDOW_ENDED: {
    code: 'WINDOW_CLOSED',
    message:
      '{campaign}的企业填报已于{closedOn}截止（填报时间为{window}），如有疑问请联系所在县（市、区）工信部门。',
  },
  RETURN_EDIT_DEADLINE_PASSED: {
    code: 'WINDOW_CLOSED',
    message: '退回修改的截止时间（{deadline}）已过，无法再修改或提交，请联系所在县（市、区）工信部门。',
  },
  SECTION_NOT_RETURNED: {
    code: 'INVALID_STATE',
    message: '“{section}”不在退回修改的范围内，只能修改：{sections}。',
  },
  FILING_NOT_EDITABLE: {
    code: 'INVALID_STATE',
    message: '填报当前状态为“{status}”，不能修改。请刷新页面查看最新状态。',
  },
  FILING_WITHDRAWN: { code: 'INVALID_STATE', message: '该填报已撤回，不能再提交。' },
  WITHDRAW_ONLY_IN_COUNTY_REVIEW: {
    code: 'INVALID_STATE',
    message: '只有“待县区审核”且县区尚未处理的填报可以撤回，当前状态为“{status}”。',
  },
  WITHDRAW_AFTER_COUNTY_ACTED: {
    code: 'INVALID_STATE',
    message: '县区工信部门已开始处理该填报，不能撤回。如需修改，请联系县区工信部门退回。',
  },
  FILING_OF_KIND_EXISTS: {
    code: 'INVALID_STATE',
    message: '本批次已有一份“{kind}”填报，请在“我的填报”中查看或继续填写。',
  },
  SECTION_SAVED_ELSEWHERE: {
    code: 'CONFLICT',
    message: '“{section}”已在其他页面或由其他人保存过，您的修改未保存。请刷新后核对两处内容，再重新保存。',
  },
  FILING_STATUS_CHANGED_ATTACHMENTS: {
    code: 'CONFLICT',
    message: '填报状态已变化（可能已提交或被退回），请刷新页面后再操作附件。',
  },
  LICENCE_ALREADY_ATTACHED: {
    code: 'CONFLICT',
    message: '注册时上传的营业执照已在“营业执照”附件中，无需重复添加。',
  },
  ATTACHMENTS_NOT_RETURNED: { code: 'INVALID_STATE', message: '本次退回未要求修改附件，附件不能更改。' },
  ATTACHMENTS_LOCKED: { code: 'INVALID_STATE', message: '当前状态下附件不能更改。' },
  DOCUMENT_NOT_SUBMITTED: { code: 'INVALID_STATE', message: '该填报尚未提交，提交后才能生成申报书。' },
  SELF_ASSESSMENT_NOT_SUBMITTED: {
    code: 'INVALID_STATE',
    message: '该填报尚未提交，企业填写完整后可打印自评表。',
  },
  SELF_ASSESSMENT_INCOMPLETE: {
    code: 'INVALID_STATE',
    message: '请先填写完整并保存以下部分，再打印自评表：{sections}。自评表按保存的数据生成。',
  },
  LIST_FROZEN: { code: 'INVALID_STATE', message: '名单已进入公示，不能再调整；如有异议请通过异议处理。' },
  LIST_EMPTY: { code: 'INVALID_STATE', message: '名单中没有列入的企业，不能公示。' },
  LIST_STATUS_CHANGED: { code: 'CONFLICT', message: '名单状态已变化，请刷新后重试。' },
  OBJECTION_ALREADY_RESOLVED: { code: 'INVALID_STATE', message: '该异议已处理，不能重复处理。' },
  LIST_ALREADY_ANNOUNCED: { code: 'INVALID_STATE', message: '名单已公告，不能再处理异议。' },
  OUTSIDE_PUBLICITY: {
    code: 'WINDOW_CLOSED',
    message: '该名单的公示期为{start}至{end}，当前不在公示期内，不能在线提交异议。',
  },
  CLEARANCE_GRACE_NOT_OVER: {
    code: 'INVALID_STATE',
    message: '数据更新截止后 {graceDays} 天宽限期未满，{opensAt}起方可提出清退建议。',
  },
  APPEAL_ALREADY_FILED: { code: 'INVALID_STATE', message: '每次清退只能申诉一次，贵企业已提交过申诉。' },
  APPEAL_NOT_CONFIRMED: { code: 'INVALID_STATE', message: '只有已确认的清退可以申诉。' },
  NO_PENDING_APPEAL: { code: 'INVALID_STATE', message: '该清退没有待处理的申诉。' },
  PROPOSALS_EXPIRED: {
    code: 'CLEARANCE_PROPOSAL_EXPIRED',
    message:
      '所选记录中有 {count} 条拟清退建议已超过有效期（提出后 {days} 天内确认，{expiredOn}止）而失效，不能确认清退：{names}。请取消勾选后重试；这些企业将在下一年度数据更新中重新核查。',
  },
  APPEAL_DEADLINE_PASSED: {
    code: 'APPEAL_WINDOW_CLOSED',
    message:
      '清退申诉期限已过：贵企业于{clearedOn}被清退，申诉须在{until}（含当日）前提出，现已不能申诉。如有疑问，请联系所在设区市工信部门；也可在以后年度批次通过“新增入库”重新申请入库。',
  },

  // ------------------------------------------------------------------ input (400)
  REASON_REQUIRED: { code: 'VALIDATION_FAILED', message: '请填写{what}（至少 2 个字）{note}' },
  CORRECTION_UNCHANGED: { code: 'VALIDATION_FAILED', message: '修正后的数据与原数据相同，请修改后再提交' },
  THRESHOLDS_UNCHANGED: { code: 'VALIDATION_FAILED', message: '门槛值与当前版本相同，未生成新版本' },
  NOT_QUALIFIED_FOR_LIST: {
    code: 'VALIDATION_FAILED',
    message: '该企业的评价结果不符合创新型中小企业标准，不能列入名单。',
  },
  ANNOUNCE_DATE_INVALID: { code: 'VALIDATION_FAILED', message: '公告日期不是有效日期' },
  ANNOUNCE_DATE_IN_FUTURE: { code: 'VALIDATION_FAILED', message: '公告日期不能晚于今天' },
  ANNOUNCE_DATE_NOT_AFTER_PUBLICITY: {
    code: 'VALIDATION_FAILED',
    message: '公告日期应在公示期结束（{publicityEnd}）之后',
  },
  NOT_QUALIFIED_CORRECT_FIRST: {
    code: 'VALIDATION_FAILED',
    message: '该企业的评价结果不符合创新型中小企业标准，不能列入名单（如数据有误，请先修正评价数据）。',
  },
  SUBMISSION_INCOMPLETE: {
    code: 'VALIDATION_FAILED',
    message: '以下部分尚未填写完整或有误：{sections}。请按标红提示修改并保存后再提交。',
  },
  TRANSFER_COUNTY_REQUIRED: { code: 'VALIDATION_FAILED', message: '请选择转交的县（市、区）' },
  COUNTY_NOT_IN_JIANGSU: { code: 'VALIDATION_FAILED', message: '请选择江苏省的县（市、区）' },
  TRANSFER_SAME_COUNTY: {
    code: 'VALIDATION_FAILED',
    message: '转交的县（市、区）与当前审核县区相同，请选择企业注册地所在的其他县（市、区）',
  },
  PII_FIELD_UNKNOWN: {
    code: 'VALIDATION_FAILED',
    message: '该记录没有这个号码，请从页面上的“显示”按钮查看',
  },
  CURRENT_PASSWORD_WRONG: { code: 'VALIDATION_FAILED', message: '当前密码不正确，请重新输入' },
  PASSWORD_SAME_AS_CURRENT: {
    code: 'VALIDATION_FAILED',
    message: '新密码不能与当前密码相同，请换一个新密码',
  },
  PASSWORD_REUSED: {
    code: 'VALIDATION_FAILED',
    message: '新密码不能与最近 {count} 次使用过的密码相同，请换一个从未用过的密码',
  },
  RESET_SMS_CODE_WRONG: { code: 'VALIDATION_FAILED', message: '短信验证码不正确或已失效，请重新获取' },
  TOTP_SETUP_NOT_STARTED: {
    code: 'VALIDATION_FAILED',
    message: '请先输入当前密码并扫描二维码，再输入验证码',
  },
  TOTP_SETUP_CODE_WRONG: {
    code: 'VALIDATION_FAILED',
    message: '验证码不正确：请核对手机时间是否准确，并输入身份验证器上当前显示的 6 位数字',
  },
  MOBILE_UNCHANGED: { code: 'VALIDATION_FAILED', message: '新手机号与当前联系手机相同，无需更换' },
  SECOND_FACTOR_NO_MOBILE: {
    code: 'VALIDATION_FAILED',
    message: '该账号未登记手机号，请选择“身份验证器”，或联系安全管理员登记手机号',
  },
  SECOND_FACTOR_NO_TOTP: { code: 'VALIDATION_FAILED', message: '该账号未绑定身份验证器，请选择“短信验证码”' },
  PAGE_CURSOR_BAD: { code: 'BAD_REQUEST', message: '翻页参数无效，请回到第一页。' },
  IMPORT_FILE_EMPTY: { code: 'VALIDATION_FAILED', message: '文件为空。' },
  IMPORT_COLUMNS_MISSING: { code: 'VALIDATION_FAILED', message: '第 1 行（表头）缺少列：{columns}。' },
  IMPORT_FILE_REQUIRED: { code: 'VALIDATION_FAILED', message: '请选择要导入的文件。' },
  IMPORT_FILE_TYPE: { code: 'VALIDATION_FAILED', message: '请上传 .xlsx 或 .csv 文件。' },
  IMPORT_FILE_UNREADABLE: {
    code: 'VALIDATION_FAILED',
    message: '无法读取该 Excel 文件，请确认为 .xlsx 格式。',
  },
  MULTIPART_REQUIRED: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请以 multipart/form-data 上传文件。' },
  ATTACHMENT_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: '附件不能超过 {megabytes} MB，请压缩或拆分后再上传。',
  },
  OBJECTION_FILE_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: '附件不能超过 {megabytes} MB，请压缩后再上传。',
  },
  PDF_FONT_MISSING: {
    code: 'SERVICE_UNAVAILABLE',
    message: '服务器缺少中文字体，暂时无法生成{what}。请联系系统管理员安装 fonts-noto-cjk 字体包后重试。',
  },
  FIX_MARKED_FIELDS: { code: 'VALIDATION_FAILED', message: '请按提示修改后重试。' },
  PAGE_CURSOR_INVALID: { code: 'VALIDATION_FAILED', message: '翻页参数已失效，请回到第一页重新查询。' },
  UNSAVEABLE_CHARACTERS: {
    code: 'VALIDATION_FAILED',
    message: '提交的内容含有无法保存的字符，请检查后重试。',
  },
  REGISTRATION_NO_TAKEN: {
    code: 'VALIDATION_FAILED',
    message: '登记编号“{registrationNo}”已登记过，请核对后重新填写。',
  },
  SMS_FIELDS_INVALID: {
    code: 'VALIDATION_FAILED',
    message: '以下信息需要修改后才能发送短信验证码：{fields}。请按标红字段的提示修改，并重新输入图形验证码。',
  },
  REGISTRATION_FIELDS_INVALID: {
    code: 'VALIDATION_FAILED',
    message: '注册信息有误，请修改以下内容后重新提交：{fields}。',
  },
  LICENCE_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: '营业执照图片不能超过 {megabytes} MB，请压缩或重新拍照后再上传。',
  },

  QUEUE_COUNTY_OUTSIDE_COUNTY: {
    code: 'VALIDATION_FAILED',
    message: '只能查询本县（市、区）的申报，请清除“县（市、区）”筛选后重试',
  },
  QUEUE_COUNTY_OUTSIDE_CITY: { code: 'VALIDATION_FAILED', message: '只能查询本设区市所辖县（市、区）的申报' },
  QUEUE_SCORE_RANGE: { code: 'VALIDATION_FAILED', message: '最低分不能高于最高分，请调整分数范围后再查询' },
  QUEUE_DATE_RANGE: {
    code: 'VALIDATION_FAILED',
    message: '开始日期不能晚于结束日期，请调整提交日期范围后再查询',
  },
  QUEUE_CAMPAIGN_UNKNOWN: {
    code: 'VALIDATION_FAILED',
    message: '没有 {year} 年度的填报批次，请从列表中选择批次',
  },
  PUBLICITY_DATES_INVALID: {
    code: 'VALIDATION_FAILED',
    message: '{problem}，请修改公示日期后重试。',
  },
  OBJECTION_ENTRY_REQUIRED: { code: 'VALIDATION_FAILED', message: '请从名单中选择提出异议的企业' },
  OBJECTION_FILES_EXPIRED: { code: 'VALIDATION_FAILED', message: '附件已失效，请重新上传后再提交' },
  EVALUATION_CHANGES_INVALID: {
    code: 'VALIDATION_FAILED',
    message: '修正数据有误：{problem}。请按标红提示修改后再提交。',
  },
  STANDARD_VALUES_INVALID: {
    code: 'VALIDATION_FAILED',
    message: '标准参数有误：{problem}。请按标红提示修改后再保存。',
  },
  RULE_OVERRIDES_INVALID: {
    code: 'VALIDATION_FAILED',
    message: '适用标准设置有误：{problem}。请按标红提示修改后再保存。',
  },
  USERNAME_TAKEN: {
    code: 'VALIDATION_FAILED',
    message: '该用户名已被使用，请更换一个用户名（例如加上企业简称或数字）',
  },
  USCC_TAKEN: {
    code: 'VALIDATION_FAILED',
    message:
      '该企业已注册。如忘记用户名，请在登录页点击“忘记用户名”，填写统一社会信用代码和注册时的联系手机，用户名将以短信发送至该联系手机。',
  },

  // ------------------------------------------------------------------ login (401/400/429)
  LOGIN_CAPTCHA_REQUIRED: {
    code: 'CAPTCHA_REQUIRED',
    message: '连续登录失败次数较多，请输入图形验证码后再登录。',
  },
  LOGIN_WRONG_PASSWORD_CAPTCHA: {
    code: 'CAPTCHA_REQUIRED',
    message: '{wrongPassword}连续失败次数较多，请输入图形验证码后重新登录。',
  },
  TOTP_CODE_USED: {
    code: 'SECOND_FACTOR_INVALID',
    message: '验证码已使用，请等待身份验证器显示新的验证码后再输入',
  },
  LOGIN_LOCKED: {
    code: 'ACCOUNT_LOCKED',
    message:
      '该账号从当前网络连续 {failures} 次登录失败，已锁定 15 分钟（仅限当前网络），请于 {until} 后再试；如是本人，可通过“忘记密码”用短信验证码重置密码后立即登录。',
  },
  LOGIN_LOCKED_WRONG_PASSWORD: {
    code: 'ACCOUNT_LOCKED',
    message:
      '用户名或密码错误。该账号从当前网络连续 {failures} 次登录失败，已锁定 15 分钟（仅限当前网络），请于 {until} 后再试；如是本人，可通过“忘记密码”用短信验证码重置密码后立即登录。',
  },
  TOO_FREQUENT: { code: 'RATE_LIMITED', message: '{what}过于频繁，请在 {seconds} 秒后再试。' },
  SMS_CODE_WAIT: { code: 'RATE_LIMITED', message: '验证码每分钟只能获取一次，请在 {seconds} 秒后重新获取。' },
  SMS_CODE_MOBILE_DAILY_LIMIT: {
    code: 'RATE_LIMITED',
    message: '该手机号 24 小时内获取验证码已达 {limit} 次上限，请于 {retryAt} 后再试。',
  },
  SMS_CODE_NETWORK_DAILY_LIMIT: {
    code: 'RATE_LIMITED',
    message: '本网络 24 小时内获取验证码次数已达上限，请于 {retryAt} 后再试；如有疑问请联系技术支持。',
  },
} as const;

export type ReasonCode = keyof typeof REASONS;

/** The `{name}` placeholders of a template. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

export type ReasonParams<R extends ReasonCode> = Placeholders<(typeof REASONS)[R]['message']>;

/** Fills `{name}` from the details; a missing value is left visible rather than printed as "undefined". */
export function renderReason(template: string, details: Record<string, unknown> | undefined): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const v = details?.[name];
    return v === undefined || v === null ? whole : String(v);
  });
}
