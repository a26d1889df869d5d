import { useEffect } from 'react';

export const PLATFORM_NAME = '江苏省优质中小企业梯度培育平台';

/** Sets the browser tab title: "<page> - 江苏省优质中小企业梯度培育平台". */
export function PageTitle({ title }: { title: string }) {
  useEffect(() => {
    document.title = title ? `${title} - ${PLATFORM_NAME}` : PLATFORM_NAME;
  }, [title]);
  return null;
}
