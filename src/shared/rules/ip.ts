/**
 * 知识产权 (IP) items and their class for the evaluation standards (rules.md §1.3). Pure: no I/O.
 */
import { isObj, readBool, type FieldError } from './input';

/** One IP item as entered. Ⅰ类: 发明专利, 植物新品种, …; Ⅱ类: 实用新型, 外观设计, 软件著作权 (rules.md §1.3 [V]). */
export interface IpItem {
  class: 'I' | 'II';
  /** 自主研发 (only matters for class I). */
  selfDeveloped?: boolean;
  /** Ⅰ类高价值知识产权 (only matters for class I). */
  highValue?: boolean;
  /** 与企业主导产品相关: only related IP counts. */
  relatedToMainProduct: boolean;
}

/**
 * Which IP option an enterprise reaches, best first: 'A' Ⅰ类高价值 ≥ 1; 'B' 自主研发Ⅰ类 ≥ 1; 'C' Ⅰ类 ≥ 1; 'D' Ⅱ类 ≥ 1;
 * 'E' none. Only IP related to the main product counts; `highValue` and `selfDeveloped` matter only for class I,
 * so class II counts only at option D (63号文 附件1 indicator 1; 附件2 indicator 10; cases/README.md).
 */
export function ipOption(items: readonly IpItem[]): 'A' | 'B' | 'C' | 'D' | 'E' {
  const related = items.filter((i) => i.relatedToMainProduct);
  const classI = related.filter((i) => i.class === 'I');
  if (classI.some((i) => i.highValue)) return 'A';
  if (classI.some((i) => i.selfDeveloped)) return 'B';
  if (classI.length > 0) return 'C';
  if (related.some((i) => i.class === 'II')) return 'D';
  return 'E';
}

/** Read the IP list of an input; records Chinese errors with paths. */
export function readIpItems(raw: unknown, path: string, errors: FieldError[]): IpItem[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push({ path, message: '知识产权应为列表，没有知识产权时请留空列表' });
    return [];
  }
  const out: IpItem[] = [];
  raw.forEach((item: unknown, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(item)) {
      errors.push({ path: p, message: `第${i + 1}项知识产权数据不完整，请重新填写` });
      return;
    }
    const cls = item['class'];
    if (cls !== 'I' && cls !== 'II') {
      errors.push({ path: `${p}.class`, message: `请选择第${i + 1}项知识产权的类别（Ⅰ类或Ⅱ类）` });
      return;
    }
    out.push({
      class: cls,
      selfDeveloped: readBool(
        item,
        'selfDeveloped',
        `${p}.selfDeveloped`,
        `第${i + 1}项是否自主研发`,
        errors,
      ),
      highValue: readBool(item, 'highValue', `${p}.highValue`, `第${i + 1}项是否Ⅰ类高价值知识产权`, errors),
      relatedToMainProduct: readBool(
        item,
        'relatedToMainProduct',
        `${p}.relatedToMainProduct`,
        `第${i + 1}项是否与主导产品相关`,
        errors,
        { required: true },
      ),
    });
  });
  return out;
}
