/** Typed calls of the province settings API (src/shared/schemas/settings-api.ts is the contract). */
import type { ProvinceSettings, ProvinceSettingsUpdate } from '../../shared/schemas/settings-api';
import { apiGet, apiPut } from './client';

export const settingsApi = {
  province: () => apiGet<ProvinceSettings>('/api/v1/settings/province'),
  saveProvince: (body: ProvinceSettingsUpdate) => apiPut<ProvinceSettings>('/api/v1/settings/province', body),
};
