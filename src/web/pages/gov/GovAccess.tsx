import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isGovRole, type GovRole } from '../../../shared/permissions';
import { allCounties, cities, countiesOf, type County } from '../../../shared/regions';
import { useSession } from '../../session/context';
import { GOV_PAGES, govPageAllowed } from './menu';

/** Renders the page only for the roles of its menu entry; others see 403 with the reason. */
export function GovPage({ path, children }: { path: string; children: (role: GovRole) => ReactNode }) {
  const { user } = useSession();
  const navigate = useNavigate();
  if (!user || !isGovRole(user.role)) return null;
  if (!govPageAllowed(path, user.role)) {
    const page = GOV_PAGES.find((p) => p.path === path);
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle={`“${page?.label ?? path}”不属于${user.roleLabel}的职能范围。`}
        extra={
          <Button type="primary" onClick={() => navigate('/gov')}>
            返回工作台
          </Button>
        }
      />
    );
  }
  return children(user.role);
}

/** "昆山市", "苏州工业园区（开发区）". */
export function countyLabel(c: County): string {
  return c.kind === 'dev_zone' ? `${c.name}（开发区）` : c.name;
}

export interface RegionOption {
  value: string;
  label: string;
}
export interface RegionGroup {
  label: string;
  options: RegionOption[];
}

/** County-level units the caller may filter by or transfer to: a city's own, or every city's (grouped). */
export function countyOptionsFor(role: GovRole, regionCode: string | null): RegionGroup[] {
  if (role === 'city_reviewer' && regionCode) {
    const city = cities().find((c) => c.code === regionCode);
    return [
      {
        label: city?.name ?? regionCode,
        options: countiesOf(regionCode).map((c) => ({ value: c.code, label: countyLabel(c) })),
      },
    ];
  }
  if (role === 'province') {
    return cities().map((city) => ({
      label: city.name,
      options: countiesOf(city.code).map((c) => ({ value: c.code, label: `${city.name}${countyLabel(c)}` })),
    }));
  }
  return [];
}

/** Every county-level unit in Jiangsu, grouped by city (region correction, user creation). */
export function allCountyGroups(): RegionGroup[] {
  return cities().map((city) => ({
    label: city.name,
    options: allCounties()
      .filter((c) => c.cityCode === city.code)
      .map((c) => ({ value: c.code, label: `${city.name}${countyLabel(c)}` })),
  }));
}

/** Select filter on label text. */
export function filterByLabel(input: string, option?: { label?: unknown }): boolean {
  return typeof option?.label === 'string' && option.label.includes(input.trim());
}
