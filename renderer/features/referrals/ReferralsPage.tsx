import { Button, Group, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconTransfer } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReferralStatus } from '../../../shared/contract/referrals.js';
import { REFERRAL_STATUSES } from '../../../shared/contract/referrals.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useSessionRole } from '../persons/useSessionRole.js';
import { AppointmentsPanel } from './AppointmentsPanel.js';
import { ReferralDetail } from './ReferralDetail.js';
import { ReferralForm } from './ReferralForm.js';
import { FacilitiesPanel, ReferralSettingsPanel } from './ReferralSetupPanels.js';
import { ReferralTable } from './ReferralTable.js';
import { VisitPicker } from './VisitPicker.js';

/** /chuyen-tuyen: referral slips (filters: status, period, destination), appointments, facilities, settings. */
export function ReferralsPage() {
  const { t } = useI18n();
  const role = useSessionRole();
  const [tab, setTab] = useState<string | null>('referrals');
  return (
    <Stack>
      <Title order={2}>{t('referrals.title')}</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="referrals" data-testid="tab-referrals">
            {t('referrals.tab.referrals')}
          </Tabs.Tab>
          <Tabs.Tab value="appointments" data-testid="tab-appointments">
            {t('referrals.tab.appointments')}
          </Tabs.Tab>
          <Tabs.Tab value="facilities" data-testid="tab-facilities">
            {t('referrals.tab.facilities')}
          </Tabs.Tab>
          {role === 'admin' && (
            <Tabs.Tab value="settings" data-testid="tab-referral-settings">
              {t('referrals.tab.settings')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="referrals" pt="md">
          <ReferralList />
        </Tabs.Panel>
        <Tabs.Panel value="appointments" pt="md">
          <AppointmentsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="facilities" pt="md">
          <FacilitiesPanel canEdit={role === 'admin'} />
        </Tabs.Panel>
        {role === 'admin' && (
          <Tabs.Panel value="settings" pt="md">
            <ReferralSettingsPanel />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function ReferralList() {
  const { t } = useI18n();
  const role = useSessionRole();
  const [picking, setPicking] = useState(false);
  const [visitId, setVisitId] = useState<string | null>(null);
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const [destinationId, setDestinationId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const facilities = useApiQuery('referrals.facilities', { includeInactive: true });
  const list = useApiQuery('referrals.list', { ...(status ? { status } : {}), ...(destinationId ? { destinationId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const rows = list.data?.referrals ?? [];
  return (
    <Stack>
      <Group align="flex-end" gap="sm" data-testid="referral-filters">
        <Select
          label={t('referrals.status')}
          placeholder={t('common.all')}
          clearable
          w={170}
          value={status}
          onChange={(v) => setStatus(v as ReferralStatus | null)}
          data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.status.${s}`) }))}
          data-testid="filter-status"
        />
        <TextInput type="date" label={t('referrals.period.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} data-testid="filter-from" />
        <TextInput type="date" label={t('referrals.period.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} data-testid="filter-to" />
        <Select
          label={t('referrals.destination')}
          placeholder={t('common.all')}
          clearable
          searchable
          w={300}
          value={destinationId}
          onChange={setDestinationId}
          data={(facilities.data?.facilities ?? []).map((f) => ({ value: f.id, label: f.name }))}
          data-testid="filter-destination"
        />
        {(role === 'admin' || role === 'physician') && (
          <Button ml="auto" leftSection={<IconTransfer size={16} />} onClick={() => setPicking(true)} data-testid="referral-new">
            {t('referrals.new')}
          </Button>
        )}
      </Group>
      {rows.length === 0 && !list.isLoading && <Text c="dimmed">{t('referrals.none')}</Text>}
      {rows.length > 0 && (
        <ReferralTable rows={rows} withPerson onOpen={setOpenId} testId="referrals-table" rowTestId="referral-row" />
      )}
      <ReferralDetail id={openId} onClose={() => setOpenId(null)} />
      <VisitPicker opened={picking} title={t('referrals.new')} onClose={() => setPicking(false)} onPick={(id) => (setPicking(false), setVisitId(id))} />
      {visitId && <ReferralForm opened visitId={visitId} onClose={() => setVisitId(null)} onSaved={(r) => setOpenId(r.id)} />}
    </Stack>
  );
}
