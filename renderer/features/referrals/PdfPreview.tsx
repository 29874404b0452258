import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { base64ToBlob, inElectron } from './files.js';

export interface PdfSource {
  pdfBase64: string;
  fileName: string;
}

/**
 * Preview of a PDF (an iframe on a blob URL) before printing. For slips, "In" first records the print through
 * `onPrint` (the backend logs it); lists and reports print directly. The same bytes are printed: in a browser the
 * PDF opens in a new tab; inside Electron (no print bridge yet) the embedded viewer's print is used. "Tải PDF" saves
 * the file.
 */
export function PdfPreview({ opened, onClose, load, onPrint, title }: { opened: boolean; onClose: () => void; load: () => Promise<PdfSource>; onPrint?: () => Promise<{ printCount: number }>; title?: string }) {
  const { t } = useI18n();
  const [doc, setDoc] = useState<{ url: string; fileName: string } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!opened) return;
    let url: string | null = null;
    let alive = true;
    setDoc(null);
    setFailed(null);
    load()
      .then((r) => {
        if (!alive) return;
        url = URL.createObjectURL(base64ToBlob(r.pdfBase64, 'application/pdf'));
        setDoc({ url, fileName: r.fileName });
      })
      .catch((e: unknown) => {
        if (!alive) return;
        setFailed(e instanceof Error ? e.message : String(e));
        reportApiError(e);
      });
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
    // load is a new closure on every render; the preview reloads only when opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const print = async () => {
    if (!doc) return;
    setPrinting(true);
    try {
      if (onPrint) {
        const r = await onPrint();
        void queryClient.invalidateQueries();
        reportSuccess(t('referrals.printed', { count: r.printCount }));
      }
      if (inElectron()) frame.current?.contentWindow?.print();
      else window.open(doc.url, '_blank', 'noopener');
    } catch (e) {
      reportApiError(e);
    } finally {
      setPrinting(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} size="auto" title={title ? (doc ? `${title} — ${doc.fileName}` : title) : doc ? t('referrals.previewTitle', { file: doc.fileName }) : t('referrals.preview')}>
      <Stack w="min(900px, 92vw)">
        {failed && <Alert color="red">{failed}</Alert>}
        {!doc && !failed && (
          <Group>
            <Loader size="sm" />
            <Text size="sm">{t('referrals.previewLoading')}</Text>
          </Group>
        )}
        {doc && (
          <>
            <iframe ref={frame} src={doc.url} title={doc.fileName} data-testid="pdf-preview" data-file-name={doc.fileName} style={{ width: '100%', height: '72vh', border: '1px solid var(--mantine-color-gray-4)' }} />
            {onPrint && (
              <Text size="xs" c="dimmed">
                {t('referrals.printHint')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="subtle" onClick={onClose} data-testid="pdf-close">
                {t('common.close')}
              </Button>
              <Button component="a" href={doc.url} download={doc.fileName} variant="default" leftSection={<IconDownload size={16} />} data-testid="pdf-download">
                {t('referrals.download')}
              </Button>
              <Button leftSection={<IconPrinter size={16} />} loading={printing} onClick={() => void print()} data-testid="pdf-print">
                {t('referrals.print')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
