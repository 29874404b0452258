import { Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ReceivingFacility, ReferralConfig } from '../../../shared/contract/referrals.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { FACILITY_LEVELS, REFERRAL_FORM_VERSIONS } from '../../../shared/referrals/snapshot.js';
import { XML_VARIANTS } from '../../../shared/xml130/variants.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** The receiving-facility catalogue (everyone sees it; the administrator edits it). */
export function FacilitiesPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const list = useApiQuery('referrals.facilities', { includeInactive: true });
  const [editing, setEditing] = useState<ReceivingFacility | 'new' | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('facilities.hint')}
        </Text>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-testid="facility-add">
            {t('facilities.add')}
          </Button>
        )}
      </Group>
      <Table striped withTableBorder data-testid="facilities-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('facilities.code')}</Table.Th>
            <Table.Th>{t('facilities.name')}</Table.Th>
            <Table.Th>{t('facilities.level')}</Table.Th>
            <Table.Th>{t('facilities.address')}</Table.Th>
            <Table.Th>{t('facilities.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.facilities ?? []).map((f) => (
            <Table.Tr key={f.id} onClick={canEdit ? () => setEditing(f) : undefined} style={canEdit ? { cursor: 'pointer' } : undefined}>
              <Table.Td ff="monospace">{f.code}</Table.Td>
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>{f.level ? t(`facilities.level.${f.level}` as MessageKey) : ''}</Table.Td>
              <Table.Td>{f.address ?? ''}</Table.Td>
              <Table.Td>{f.active ? t('common.yes') : t('common.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <FacilityModal facility={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

function FacilityModal({ facility, onClose }: { facility: ReceivingFacility | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const save = useApiMutation('referrals.saveFacility');
  const form = useForm({ initialValues: { code: '', name: '', level: '' as string, address: '', provinceName: '', active: true } });
  useEffect(() => {
    if (facility === null) return;
    const f = facility === 'new' ? null : facility;
    form.setValues({ code: f?.code ?? '', name: f?.name ?? '', level: f?.level ?? '', address: f?.address ?? '', provinceName: f?.provinceName ?? '', active: f?.active ?? true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [facility]);
  const submit = form.onSubmit((v) =>
    save.mutate(
      { ...(facility && facility !== 'new' ? { id: facility.id } : {}), ...v, level: (v.level || null) as ReceivingFacility['level'] },
      { onSuccess: () => (reportSuccess(t('facilities.saved')), onClose()), onError: (e) => reportApiError(e, form) },
    ),
  );
  return (
    <Modal opened={facility !== null} onClose={onClose} title={facility === 'new' ? t('facilities.add') : t('facilities.edit')}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t('facilities.code')} withAsterisk data-testid="facility-code" {...form.getInputProps('code')} />
          <TextInput label={t('facilities.name')} withAsterisk data-testid="facility-name" {...form.getInputProps('name')} />
          <Select label={t('facilities.level')} clearable data={FACILITY_LEVELS.map((l) => ({ value: l, label: t(`facilities.level.${l}` as MessageKey) }))} {...form.getInputProps('level')} />
          <TextInput label={t('facilities.address')} {...form.getInputProps('address')} />
          <TextInput label={t('facilities.province')} {...form.getInputProps('provinceName')} />
          <Switch label={t('facilities.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="facility-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Number suffix, signer (MA_TTDV), default form and XML variant (administrator). */
export function ReferralSettingsPanel() {
  const { t } = useI18n();
  const config = useApiQuery('referrals.config', {});
  const save = useApiMutation('referrals.setConfig');
  const form = useForm({ initialValues: { numberSuffix: 'PCCSKBCB', signerName: '', signerTitle: '', signerCode: '', defaultFormVersion: 'tt01_2025', xmlVariant: 'qd3176' } });
  useEffect(() => {
    const c = config.data?.config;
    if (c) form.setValues({ ...c, signerName: c.signerName ?? '', signerTitle: c.signerTitle ?? '', signerCode: c.signerCode ?? '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.data]);
  const submit = form.onSubmit((v) => save.mutate(v as Partial<ReferralConfig>, { onSuccess: () => reportSuccess(t('common.saved')), onError: (e) => reportApiError(e, form) }));
  return (
    <form onSubmit={submit} data-testid="referral-settings">
      <Stack maw={560}>
        <TextInput label={t('referralConfig.numberSuffix')} {...form.getInputProps('numberSuffix')} />
        <TextInput label={t('referralConfig.signerName')} data-testid="config-signerName" {...form.getInputProps('signerName')} />
        <TextInput label={t('referralConfig.signerTitle')} {...form.getInputProps('signerTitle')} />
        <TextInput label={t('referralConfig.signerCode')} data-testid="config-signerCode" {...form.getInputProps('signerCode')} />
        <Select label={t('referralConfig.defaultFormVersion')} allowDeselect={false} data={REFERRAL_FORM_VERSIONS.map((v) => ({ value: v, label: t(`referrals.form.${v}` as MessageKey) }))} {...form.getInputProps('defaultFormVersion')} />
        <Select label={t('referralConfig.xmlVariant')} allowDeselect={false} data={XML_VARIANTS.map((v) => ({ value: v, label: t(`referrals.xml.${v}` as MessageKey) }))} {...form.getInputProps('xmlVariant')} />
        <Group>
          <Button type="submit" loading={save.isPending} data-testid="config-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
