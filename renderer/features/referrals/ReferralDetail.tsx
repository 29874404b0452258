import { Alert, Anchor, Button, Divider, Group, Loader, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconEdit, IconEye, IconCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTimeVi, formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { viTime } from '../../../shared/referrals/datetime.js';
import { api } from '../../api/client.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useSessionRole } from '../persons/useSessionRole.js';
import { PdfPreview } from './PdfPreview.js';
import { ReferralForm } from './ReferralForm.js';
import { ReferralStatusBadge } from './StatusBadges.js';
import { XmlExportButton } from './XmlExportButton.js';

const WRITERS = ['admin', 'physician'];
const PRINTERS = ['admin', 'physician', 'nurse'];

/** One referral: what it says, its versions and prints, and the actions (edit, issue, preview/print, XML13). */
export function ReferralDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const role = useSessionRole();
  const q = useApiQuery('referrals.get', { id: id ?? '' }, { enabled: Boolean(id) });
  const issue = useApiMutation('referrals.issue');
  const outcome = useApiMutation('referrals.recordOutcome');
  const [editing, setEditing] = useState(false);
  const [preview, setPreview] = useState<number | null>(null);
  const [received, setReceived] = useState({ receivedAt: '', receivingDiagnosis: '', outcome: '' });
  const r = q.data?.referral;
  const canWrite = role !== null && WRITERS.includes(role);
  const canPrint = role !== null && PRINTERS.includes(role);

  const doIssue = () => {
    if (!r || !window.confirm(t('referrals.issueConfirm'))) return;
    issue.mutate({ id: r.id }, { onSuccess: (x) => reportSuccess(t('referrals.issued', { number: x.referral.number ?? '' })), onError: (e) => reportApiError(e) });
  };

  return (
    <Modal opened={id !== null} onClose={onClose} closeOnEscape={!editing && preview === null} closeButtonProps={{ 'aria-label': t('common.close'), 'data-testid': 'referral-detail-close' } as object} size="lg" title={r ? `${r.number ?? t('referrals.draftLabel')} · ${r.personName}` : ''}>
      {q.isLoading && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {r && (
        <Stack gap="sm" data-testid="referral-detail">
          <Group gap="xs">
            <ReferralStatusBadge status={r.status} />
            <Text size="sm" data-testid="referral-number">
              {r.number ?? '—'}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`referrals.form.${r.formVersion}` as MessageKey)}
            </Text>
          </Group>
          <Text size="sm">
            <b>{t('referrals.person')}:</b>{' '}
            <Anchor component={Link} to={`/nguoi/${r.personId}`} onClick={onClose}>
              {r.personName}
            </Anchor>{' '}
            ({formatDateVi(r.birthDate)})
          </Text>
          <Text size="sm">
            <b>{t('referrals.destination')}:</b> {r.destination.name} ({r.destination.code})
          </Text>
          <Text size="sm">
            <b>{t('referrals.diagnosis')}:</b> {r.fields.diagnosisText ?? r.mainDiagnosis ?? '—'}
          </Text>
          <Text size="sm">
            <b>{t('referrals.transferAt')}:</b> {r.transferAt ? `${viTime(r.transferAt)}, ${formatDateVi(r.transferAt)}` : '—'}
          </Text>
          <Group gap="xs">
            {canWrite && r.status !== 'received' && (
              <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={() => setEditing(true)} data-testid="referral-edit">
                {r.status === 'draft' ? t('referrals.editDraft') : t('referrals.saveVersion')}
              </Button>
            )}
            {canWrite && r.status === 'draft' && (
              <Button size="xs" leftSection={<IconCertificate size={14} />} loading={issue.isPending} onClick={doIssue} data-testid="referral-issue">
                {t('referrals.issue')}
              </Button>
            )}
            <Button size="xs" variant="light" leftSection={<IconEye size={14} />} onClick={() => setPreview(r.version)} data-testid="referral-preview">
              {r.status === 'draft' ? t('referrals.preview') : `${t('referrals.preview')} / ${t('referrals.print')}`}
            </Button>
            {canPrint && r.status !== 'draft' && <XmlExportButton kind="referral" id={r.id} label={t('referrals.exportXml13')} />}
          </Group>
          {r.versions.length > 0 && (
            <>
              <Divider label={t('referrals.versions')} labelPosition="left" />
              {r.versions.map((v) => (
                <Group key={v.version} gap="xs" data-testid="referral-version">
                  <Anchor size="sm" onClick={() => setPreview(v.version)}>
                    {t('referrals.version', { version: v.version })}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {formatDateTimeVi(v.createdAt)} · {v.createdByName ?? ''} {v.note ? `· ${v.note}` : ''}
                  </Text>
                </Group>
              ))}
            </>
          )}
          <Divider label={t('referrals.prints')} labelPosition="left" />
          {r.prints.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('referrals.noPrints')}
            </Text>
          )}
          {r.prints.map((p, i) => (
            <Text key={i} size="sm" data-testid="referral-print-log">
              {t('referrals.printedBy', { at: formatDateTimeVi(p.printedAt), name: p.printedByName ?? '', workstation: p.workstation, version: p.version })}
            </Text>
          ))}
          {r.status !== 'draft' && (
            <>
              <Divider label={t('referrals.outcome')} labelPosition="left" />
              <Text size="xs" c="dimmed">
                {t('referrals.outcome.note')}
              </Text>
              {r.status === 'received' ? (
                <Text size="sm">
                  {formatDateVi(r.receivedAt)} · {r.receivingDiagnosis ?? ''} · {r.outcome ?? ''}
                </Text>
              ) : (
                canWrite && (
                  <Group align="flex-end" gap="xs">
                    <TextInput type="date" size="xs" label={t('referrals.outcome.receivedAt')} value={received.receivedAt} onChange={(e) => setReceived({ ...received, receivedAt: e.currentTarget.value })} />
                    <TextInput size="xs" label={t('referrals.outcome.diagnosis')} value={received.receivingDiagnosis} onChange={(e) => setReceived({ ...received, receivingDiagnosis: e.currentTarget.value })} />
                    <TextInput size="xs" label={t('referrals.outcome.result')} value={received.outcome} onChange={(e) => setReceived({ ...received, outcome: e.currentTarget.value })} />
                    <Button size="xs" variant="light" disabled={!received.receivedAt} loading={outcome.isPending} onClick={() => outcome.mutate({ id: r.id, ...received }, { onError: (e) => reportApiError(e) })}>
                      {t('referrals.outcome.record')}
                    </Button>
                  </Group>
                )
              )}
            </>
          )}
          <Title order={6} c="dimmed">
            {r.createdByName ?? ''} · {formatDateTimeVi(r.createdAt)}
          </Title>
        </Stack>
      )}
      {r && <ReferralForm opened={editing} onClose={() => setEditing(false)} referral={r} />}
      {r && (
        <PdfPreview
          opened={preview !== null}
          onClose={() => setPreview(null)}
          load={() => api.call('referrals.preview', { id: r.id, ...(preview && preview > 0 ? { version: preview } : {}) })}
          onPrint={canPrint && r.status !== 'draft' ? () => api.call('referrals.print', { id: r.id, ...(preview && preview > 0 ? { version: preview } : {}) }) : undefined}
        />
      )}
    </Modal>
  );
}
