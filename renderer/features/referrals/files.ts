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

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  xml: 'application/xml;charset=utf-8',
};

/** A file the backend built (base64), saved under its name; the type comes with it or from the extension. */
export function saveApiFile(file: { fileName: string; contentBase64: string; mimeType?: string }): void {
  const type = file.mimeType ?? TYPES[file.fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
  saveBlob(base64ToBlob(file.contentBase64, type), file.fileName);
}

/** The PdfPreview source of a file the backend built. */
export const pdfSource = (file: { fileName: string; contentBase64: string }) => ({ pdfBase64: file.contentBase64, fileName: file.fileName });

export function saveXml(xml: string, fileName: string): void {
  saveBlob(new Blob([xml], { type: 'application/xml;charset=utf-8' }), fileName);
}

/** Inside the Electron window (the preload bridge exists) rather than a browser on the LAN. */
export const inElectron = (): boolean => typeof window !== 'undefined' && Boolean(window.api);
