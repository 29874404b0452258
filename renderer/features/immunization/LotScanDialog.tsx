import { Alert, Box, Button, FileButton, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconCamera, IconCheck, IconPhoto } from '@tabler/icons-react';
import { BrowserDatamatrixCodeReader } from '@zxing/browser';
import { useRef, useState } from 'react';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { decodePhoto, useCameraDecoder } from '../../app/useCameraDecoder.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { parseGs1 } from '../../../shared/immunization/gs1.js';
import type { Gs1Vaccine } from './ui.js';

type Status = { kind: 'scanning' } | { kind: 'error'; key: MessageKey } | { kind: 'done'; code: Gs1Vaccine };

/**
 * Reads the GS1 DataMatrix on a vaccine box or vial with the webcam (or a photo, or what a handheld scanner types)
 * and hands GTIN, expiry and lot to `onResult` once the user confirms.
 */
export function LotScanDialog({ opened, onClose, onResult }: { opened: boolean; onClose: () => void; onResult: (code: Gs1Vaccine) => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('immui.scan.title')} size="lg" data-testid="imm-lot-scan">
      {opened && <ScanBody onClose={onClose} onResult={onResult} />}
    </Modal>
  );
}

function ScanBody({ onClose, onResult }: { onClose: () => void; onResult: (code: Gs1Vaccine) => void }) {
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'scanning' });
  const [attempt, setAttempt] = useState(0);
  const [typed, setTyped] = useState('');

  const accept = (text: string): boolean => {
    const r = parseGs1(text);
    if (!r.ok) {
      setStatus({ kind: 'error', key: `imm.gs1.${r.error}` as MessageKey });
      return false;
    }
    // A pack code without a lot cannot pick a lot from stock.
    const lot = r.lot?.trim().toUpperCase();
    if (!lot) {
      setStatus({ kind: 'error', key: 'immui.scan.reason.no-lot' });
      return false;
    }
    setStatus({ kind: 'done', code: { gtin: r.gtin, expiry: r.expiry, lot, serial: r.serial } });
    return true;
  };

  useCameraDecoder({
    videoRef,
    makeReader: () => new BrowserDatamatrixCodeReader(),
    onText: accept,
    onStart: () => setStatus({ kind: 'scanning' }),
    onError: (key) => setStatus({ kind: 'error', key }),
    attempt,
  });

  const fromPhoto = async (file: File | null) => {
    if (!file) return;
    const text = await decodePhoto(new BrowserDatamatrixCodeReader(), file, videoRef.current);
    if (text === null) setStatus({ kind: 'error', key: 'immui.scan.unreadableImage' });
    else accept(text);
  };

  return (
    <Stack>
      <Box style={{ background: '#111', borderRadius: 8, overflow: 'hidden', display: status.kind === 'done' ? 'none' : 'block' }}>
        <video ref={videoRef} muted playsInline style={{ width: '100%', maxHeight: 320, display: 'block' }} data-testid="imm-lot-scan-video" />
      </Box>
      {status.kind === 'scanning' && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('immui.scan.hint')}
          </Text>
        </Group>
      )}
      {status.kind === 'error' && (
        <Alert color="orange" title={t(status.key)} data-testid="imm-lot-scan-error">
          {t('immui.scan.tryAgain')}
        </Alert>
      )}
      {status.kind === 'done' && (
        <Alert color="teal" title={t('immui.scan.read')} data-testid="imm-lot-scan-result">
          <Text size="sm">
            {t('immui.lot.number')}: <b>{status.code.lot}</b>
          </Text>
          <Text size="sm">
            {t('immui.lot.expiry')}: <b>{formatDateVi(status.code.expiry) || '—'}</b>
          </Text>
          {status.code.gtin && <Text size="sm">GTIN: {status.code.gtin}</Text>}
        </Alert>
      )}
      {/* A handheld 2D scanner types the code: it lands here (FNC1 arrives as the GS character). */}
      <TextInput
        label={t('immui.scan.typed')}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            accept(typed);
          }
        }}
        data-testid="imm-lot-scan-typed"
      />
      <Group justify="space-between">
        <Group gap="xs">
          <FileButton onChange={(f) => void fromPhoto(f)} accept="image/*">
            {(props) => (
              <Button variant="default" leftSection={<IconPhoto size={16} />} {...props}>
                {t('scan.pickPhoto')}
              </Button>
            )}
          </FileButton>
          {status.kind !== 'scanning' && (
            <Button variant="subtle" leftSection={<IconCamera size={16} />} onClick={() => setAttempt((a) => a + 1)}>
              {t('scan.again')}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {status.kind === 'done' && (
            <Button leftSection={<IconCheck size={16} />} onClick={() => (onResult(status.code), onClose())} data-autofocus data-testid="imm-lot-scan-use">
              {t('scan.use')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
