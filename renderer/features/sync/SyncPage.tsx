import { Alert, Badge, Button, FileButton, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { SessionInfo } from '../../../shared/contract/auth.js';
import type { SyncStatus } from '../../../shared/contract/sync.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { saveApiFile } from '../referrals/files.js';

/** Đồng bộ: hub address and credential, status, "Đồng bộ ngay" with progress, history, USB files (docs/sync.md). */
export function SyncPage({ session }: { session: SessionInfo }) {
  const { t } = useI18n();
  const isAdmin = session.user.role === 'admin';
  // While a sync runs the status (progress, bytes) is polled every second; otherwise every 15 s.
  const status = useApiQuery('sync.status', {}, { refetchInterval: (q) => (q.state.data?.status.running ? 1000 : 15_000) });
  const s = status.data?.status;
  return (
    <Stack>
      <Title order={2}>{t('sync.title')}</Title>
      <Text c="dimmed">{t('sync.intro')}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {s && <StatusCard status={s} canRun={session.user.role !== 'supervisor'} />}
        {isAdmin && s && <ConnectionCard status={s} />}
        {isAdmin && s?.configured && <UsbCard />}
      </SimpleGrid>
      <HistoryCard />
    </Stack>
  );
}

const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('vi-VN', { hour12: false }) : null);

function StatusCard({ status, canRun }: { status: SyncStatus; canRun: boolean }) {
  const { t } = useI18n();
  const now = useApiMutation('sync.now');
  const p = status.progress;
  const running = status.running || now.isPending;
  const total = p ? Math.max(1, p.toPush + p.pulled) : 1;
  return (
    <Paper withBorder p="md" data-testid="sync-status">
      <Title order={4} mb="sm">
        {t('sync.status')}
      </Title>
      {!status.configured && <Alert color="gray">{t('sync.notConfigured')}</Alert>}
      {status.configured && (
        <Stack gap="xs">
          <Text size="sm">
            {t('sync.lastOk')}: <b data-testid="sync-last-ok">{formatTime(status.lastOkAt) ?? t('sync.never')}</b>
          </Text>
          <Text size="sm">
            {t('sync.pending')}: <b data-testid="sync-pending">{status.pending}</b>
          </Text>
          {status.nextAttemptAt && !running && (
            <Text size="sm" c="dimmed">
              {t('sync.nextAttempt')}: {formatTime(status.nextAttemptAt)}
            </Text>
          )}
          {status.lastError && (
            <Alert color="orange" title={t('sync.lastError')} data-testid="sync-error">
              {t(`sync.err.${status.lastError.code}` as MessageKey)}
            </Alert>
          )}
          {running && p && (
            <Stack gap={4}>
              <Progress value={Math.min(100, ((p.pushed + p.pulled) / total) * 100)} animated />
              <Text size="xs" c="dimmed">
                {t('sync.progress', { pushed: p.pushed, toPush: p.toPush, pulled: p.pulled, up: formatBytes(p.bytesUp), down: formatBytes(p.bytesDown) })}
              </Text>
            </Stack>
          )}
          {canRun && (
            <Group justify="flex-end">
              <Button
                loading={running}
                data-testid="sync-now"
                onClick={() =>
                  now.mutate({}, {
                    onSuccess: ({ run }) => {
                      if (run.ok) reportSuccess(t('sync.done', { pushed: run.pushed, pulled: run.pulled }));
                      if (run.rejected > 0) reportSuccess(t('sync.rejected', { count: run.rejected }));
                    },
                    onError: (e) => reportApiError(e),
                  })
                }
              >
                {running ? t('sync.running') : t('sync.now')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function ConnectionCard({ status }: { status: SyncStatus }) {
  const { t } = useI18n();
  const configure = useApiMutation('sync.configure');
  const form = useForm({ initialValues: { hubUrl: status.hubUrl ?? '', credential: '' } });
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('sync.hub')}
      </Title>
      {status.credentialLabel && (
        <Text size="sm" mb="xs">
          {t('sync.enrolled', { hub: status.hubFacility ?? status.hubUrl ?? '', label: status.credentialLabel })}
        </Text>
      )}
      <form onSubmit={form.onSubmit((v) => configure.mutate(v, {
            // The secret is not shown again once saved (the station keeps it; the label above identifies it).
            onSuccess: () => (form.setFieldValue('credential', ''), reportSuccess(t('sync.saved'))), onError: (e) => reportApiError(e, form) }))}>
        <Stack gap="xs">
          <TextInput label={t('sync.hub')} description={t('sync.hubHint')} data-testid="sync-hub-url" {...form.getInputProps('hubUrl')} />
          <TextInput label={t('sync.credential')} description={t('sync.credentialHint')} autoComplete="off" data-testid="sync-credential" {...form.getInputProps('credential')} />
          <Group justify="flex-end">
            <Button type="submit" loading={configure.isPending} data-testid="sync-save">
              {t('sync.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function UsbCard() {
  const { t } = useI18n();
  const exp = useApiMutation('sync.exportBundle');
  const imp = useApiMutation('sync.importBundle');
  return (
    <Paper withBorder p="md">
      <Title order={4}>{t('sync.usb')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sync.usbHint')}
      </Text>
      <Group>
        <Button
          variant="light"
          loading={exp.isPending}
          onClick={() =>
            exp.mutate({}, {
              onSuccess: (r) => {
                saveApiFile(r);
                reportSuccess(t('sync.exported', { file: r.fileName, changes: r.changes }));
              },
              onError: (e) => reportApiError(e),
            })
          }
        >
          {t('sync.export')}
        </Button>
        <FileButton
          accept=".tyts,application/octet-stream"
          onChange={async (file) => {
            if (!file) return;
            imp.mutate({ contentBase64: await toBase64(file) }, { onSuccess: ({ run }) => reportSuccess(t('sync.imported', { pulled: run.pulled, pushed: run.pushed })), onError: (e) => reportApiError(e) });
          }}
        >
          {(props) => (
            <Button variant="light" loading={imp.isPending} {...props}>
              {t('sync.import')}
            </Button>
          )}
        </FileButton>
      </Group>
    </Paper>
  );
}

function HistoryCard() {
  const { t } = useI18n();
  const history = useApiQuery('sync.history', { limit: 20 });
  const runs = history.data?.runs ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('sync.history')}
      </Title>
      {runs.length === 0 ? (
        <Text c="dimmed">{t('sync.noHistory')}</Text>
      ) : (
        <Table striped data-testid="sync-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.col.time')}</Table.Th>
              <Table.Th>{t('sync.col.via')}</Table.Th>
              <Table.Th>{t('sync.col.result')}</Table.Th>
              <Table.Th>{t('sync.col.pushed')}</Table.Th>
              <Table.Th>{t('sync.col.pulled')}</Table.Th>
              <Table.Th>{t('sync.col.bytes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{formatTime(r.startedAt)}</Table.Td>
                <Table.Td>{t(`sync.via.${r.via}` as MessageKey)}</Table.Td>
                <Table.Td>
                  {r.ok ? (
                    <Badge color="teal">{t('sync.ok')}</Badge>
                  ) : (
                    <Badge color="orange" title={r.errorCode ? t(`sync.err.${r.errorCode}` as MessageKey) : undefined}>
                      {t('sync.failed')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.pushed}</Table.Td>
                <Table.Td>{r.pulled}</Table.Td>
                <Table.Td>{formatBytes(r.bytesUp + r.bytesDown)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
