import { Alert, Box, Button, FileButton, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconCamera, IconCheck, IconPhoto } from '@tabler/icons-react';
import { BrowserQRCodeReader } from '@zxing/browser';
import { useRef, useState } from 'react';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { parseCardPayload } from '../../../shared/identifiers/cards.js';
import { decodePhoto, useCameraDecoder } from '../../app/useCameraDecoder.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { ScannedCard } from './useCardWedge.js';

type Status = { kind: 'starting' } | { kind: 'scanning' } | { kind: 'error'; key: MessageKey; detail?: string } | { kind: 'done'; card: ScannedCard };

/**
 * Reads a CCCD or BHYT card QR with the webcam (or from a photo) and shows what it says; the user confirms with
 * "Dùng thông tin này", which hands the parsed card to `onResult`.
 */
export function ScanDialog({ opened, onClose, onResult }: { opened: boolean; onClose: () => void; onResult: (card: ScannedCard) => void }) {
  const { t } = useI18n();
  // Mantine modals close on Esc from a window listener, all of them at once: inside this dialog (often opened from
  // the registration modal) the focused element is marked so they ignore the key, and Esc closes this dialog only.
  return (
    <div
      style={{ display: 'contents' }}
      onFocus={(e) => e.target.setAttribute('data-mantine-stop-propagation', 'true')}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <Modal opened={opened} onClose={onClose} closeOnEscape={false} title={t('scan.title')} size="lg" data-testid="scan-dialog">
        {opened && <ScanBody onClose={onClose} onResult={onResult} />}
      </Modal>
    </div>
  );
}

/** Mounted while the dialog is open: the camera runs from mount to unmount. */
function ScanBody({ onClose, onResult }: { onClose: () => void; onResult: (card: ScannedCard) => void }) {
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);

  const accept = (text: string): boolean => {
    const card = parseCardPayload(text);
    if (card.kind === 'invalid') {
      setStatus({ kind: 'error', key: 'scan.notACard', detail: t(`card.reason.${card.reason}` as MessageKey) });
      return false;
    }
    setStatus({ kind: 'done', card });
    return true;
  };

  useCameraDecoder({
    videoRef,
    makeReader: () => new BrowserQRCodeReader(),
    onText: accept,
    onStart: () => setStatus({ kind: 'scanning' }),
    onError: (key) => setStatus({ kind: 'error', key }),
    attempt,
  });

  const fromPhoto = async (file: File | null) => {
    if (!file) return;
    const text = await decodePhoto(new BrowserQRCodeReader(), file, videoRef.current);
    if (text === null) setStatus({ kind: 'error', key: 'scan.unreadableImage' });
    else accept(text);
  };

  const use = () => {
    if (status.kind !== 'done') return;
    onResult(status.card);
    onClose();
  };

  return (
      <Stack>
        <Box
          style={{ position: 'relative', background: '#111', borderRadius: 8, overflow: 'hidden', display: status.kind === 'done' ? 'none' : 'block' }}
        >
          <video ref={videoRef} muted playsInline style={{ width: '100%', maxHeight: 360, display: 'block' }} data-testid="scan-video" />
        </Box>
        {(status.kind === 'starting' || status.kind === 'scanning') && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('scan.hint')}
            </Text>
          </Group>
        )}
        {status.kind === 'error' && (
          <Alert color="orange" title={t(status.key)} data-testid="scan-error">
            {status.detail ?? t('scan.tryPhoto')}
          </Alert>
        )}
        {status.kind === 'done' && <ScanSummary card={status.card} />}
        <Group justify="space-between">
          <Group gap="xs">
            <FileButton onChange={(f) => void fromPhoto(f)} accept="image/*">
              {(props) => (
                <Button variant="default" leftSection={<IconPhoto size={16} />} {...props} data-testid="scan-photo">
                  {t('scan.pickPhoto')}
                </Button>
              )}
            </FileButton>
            {(status.kind === 'done' || status.kind === 'error') && (
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
              <Button leftSection={<IconCheck size={16} />} onClick={use} data-autofocus data-testid="scan-use">
                {t('scan.use')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
  );
}

function ScanSummary({ card }: { card: ScannedCard }) {
  const { t } = useI18n();
  const number = card.kind === 'cccd' ? card.cccd : (card.cardCode ?? card.socialInsuranceNumber ?? '');
  return (
    <Alert color="teal" title={card.kind === 'cccd' ? t('scan.cccdRead') : t('scan.bhytRead')} data-testid="scan-result">
      <Stack gap={2}>
        <Text fw={600}>{card.fullName}</Text>
        <Text size="sm">
          {number} · {formatDateVi(card.birthDate)} · {card.sex === 'M' ? t('person.sex.M') : t('person.sex.F')}
        </Text>
        {card.address && <Text size="sm">{card.address}</Text>}
        {card.kind === 'bhyt' && card.validTo && (
          <Text size="sm">
            {t('person.bhytValidity')}: {formatDateVi(card.validFrom)} – {formatDateVi(card.validTo)}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('scan.checkHint')}
        </Text>
      </Stack>
    </Alert>
  );
}
