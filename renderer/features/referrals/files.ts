/** Turning API results (base64 PDFs, XML text) into files the user can open or save. */

export function base64ToBlob(base64: string, type: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Offers a blob as a download with the given file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveXml(xml: string, fileName: string): void {
  saveBlob(new Blob([xml], { type: 'application/xml;charset=utf-8' }), fileName);
}

/** Inside the Electron window (the preload bridge exists) rather than a browser on the LAN. */
export const inElectron = (): boolean => typeof window !== 'undefined' && Boolean(window.api);
