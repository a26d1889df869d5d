/*
 * A compact list of passwords and password stems that attackers try first. Compiled by the project from the
 * patterns that dominate published leaked-password rankings (English and pinyin words, keyboard walks,
 * sequences) and from the platform's own published strings (the demo password, the site's name).
 *
 * STEMS are compared with what is left of a password once leading/trailing digits and symbols are stripped and
 * look-alike characters are read as letters (P@ssw0rd → password, Admin@123 → admin), and with its letters
 * alone. WHOLE are refused as typed (case-insensitive).
 */
export const COMMON_PASSWORD_STEMS: readonly string[] = `
password passwd passw pass pwd passport secret letmein welcome iloveyou loveyou love lover monkey dragon
master shadow sunshine princess football baseball soccer superman batman trustno login admin administrator
adminadmin root user guest test tester testing demo demojs default system manager changeme change welcome
qwerty qwert qwer qwertyuiop asdf asdfg asdfgh asdfghjkl zxcv zxcvb zxcvbn zxcvbnm qaz qazwsx qazwsxedc
wsx qweasd qweasdzxc asdzxc zaq zaqxsw abc abcd abcde abcdef abcdefg abcdefgh abcabc aaa aaaa aaaaaa
aabb aabbcc abab xyz
woaini woaiwojia woainima wobuzhidao aini nihao nihaoma zhongguo china chinese beijing shanghai jiangsu
nanjing suzhou wuxi changzhou nantong yangzhou zhenjiang taizhou xuzhou yancheng huaian lianyungang suqian
kunshan wujiang jiangyin zhangjiagang gongxin gxt jxw miit qiye company gongsi caiwu kuaiji shenbao
xiaomi huawei tencent alibaba baidu taobao
zhangwei wangwei wangfang liwei lina zhangmin liqiang wangjing liujing
hello hellokitty kitty flower sakura summer winter spring autumn happy lucky goodluck
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

export const COMMON_PASSWORDS_WHOLE: readonly string[] = `
p@ssw0rd p@ssword passw0rd p@$$w0rd p@55w0rd pa$$word password1! password123! password@123
admin@123 admin123! admin@1234 admin#123 admin@2023 admin@2024 admin@2025 admin@2026 root@123 root@1234
abc@123 abc@1234 abc123!@# abcd@1234 abcd1234! abcd@123 aa123456! aa@123456 aa123456@
qwe@123 qwe123!@# qwer@1234 qwer1234! qwe!@#123 1qaz@wsx 1qaz2wsx! 1qaz!qaz 1q2w3e4r! 1q2w3e4r5t! !qaz2wsx
zaq1@wsx zaq12wsx! 1qazxsw@ q1w2e3r4! a1b2c3d4! a123456! a123456@ a1234567! a12345678! asd@123 asd123!@#
woaini@1314 woaini520! woaini1314! 5201314@a 5201314! a5201314! woaini@123
welcome@123 welcome1! welcome@2023 changeme1! test@123 test@1234 demo@123 demo@2023js demo@2024js
huawei@123 huawei@1234 jiangsu@123 jiangsu@2023 jiangsu@2024 suzhou@123 nanjing@123 china@123 qiye@123
`
  .split(/\s+/)
  .filter((w) => w.length > 0);
