/**
 * pdfmake and exceljs are large and only needed when someone prints or exports; loading them on first use keeps
 * them out of the station's start-up (they were most of it). The bundler keeps each one's code in the bundle and
 * runs it on the first call.
 */
export async function loadPdfmake() {
  return (await import('pdfmake')).default;
}

export async function loadExcel() {
  return (await import('exceljs')).default;
}
