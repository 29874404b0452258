import { Alert, Anchor, Badge, Checkbox, Group, Loader, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge } from '../persons/format.js';
import { FamilyCell } from './SessionPlanPage.js';

type Summary = { complete: number; due: number; overdue: number; nextDue: string | null; dueLabels: string[]; invalidDoses: number };

function SummaryCell({ s }: { s: Summary }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {s.dueLabels.map((l) => (
        <Badge key={l} size="sm" tt="none" variant="light" color={s.overdue > 0 ? 'red' : 'blue'}>
          {l}
        </Badge>
      ))}
      {s.dueLabels.length === 0 && s.nextDue && (
        <Text size="xs" c="dimmed">
          {t('immui.reg.nextDue', { date: formatDateVi(s.nextDue) })}
        </Text>
      )}
      {s.invalidDoses > 0 && (
        <Badge size="sm" color="red" variant="outline">
          {t('immui.reg.invalid', { count: s.invalidDoses })}
        </Badge>
      )}
    </Group>
  );
}

/** Sổ tiêm chủng: children under 6 and women (15–49, or pregnant) from the registry, with their schedule status. */
export function RegistersPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<'children' | 'women'>('children');
  const [hamletId, setHamletId] = useState<string | null>(null);
  const [dueOnly, setDueOnly] = useState(false);
  const [pregnantOnly, setPregnantOnly] = useState(false);
  const hamlets = useApiQuery('hamlets.list', {});
  const children = useApiQuery('imm.children', { hamletId: hamletId ?? undefined, dueOnly, limit: 1000 }, { enabled: kind === 'children' });
  const women = useApiQuery('imm.women', { hamletId: hamletId ?? undefined, pregnantOnly, limit: 1000 }, { enabled: kind === 'women' });
  const q = kind === 'children' ? children : women;
  return (
    <Stack>
      <Group align="flex-end">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'children' | 'women')}
          data={[
            { value: 'children', label: t('immui.reg.children') },
            { value: 'women', label: t('immui.reg.women') },
          ]}
          data-testid="imm-reg-kind"
        />
        <Select
          label={t('immui.reg.hamlet')}
          clearable
          w={220}
          placeholder={t('immui.reg.allHamlets')}
          value={hamletId}
          onChange={setHamletId}
          data={(hamlets.data?.hamlets ?? []).map((h) => ({ value: h.id, label: h.name }))}
        />
        {kind === 'children' ? (
          <Checkbox label={t('immui.reg.dueOnly')} checked={dueOnly} onChange={(e) => setDueOnly(e.currentTarget.checked)} mb={6} data-testid="imm-reg-due-only" />
        ) : (
          <Checkbox label={t('immui.reg.pregnantOnly')} checked={pregnantOnly} onChange={(e) => setPregnantOnly(e.currentTarget.checked)} mb={6} data-testid="imm-reg-pregnant-only" />
        )}
      </Group>
      {q.isPending && <Loader />}
      {q.error && <Alert color="red">{q.error.message}</Alert>}
      {q.data && (
        <Text size="sm" c="dimmed" data-testid="imm-reg-total">
          {t('immui.reg.total', { count: q.data.total, date: formatDateVi(q.data.date) })}
        </Text>
      )}
      {kind === 'children' && children.data && (
        <Table withTableBorder striped highlightOnHover data-testid="imm-reg-children">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('immui.col.name')}</Table.Th>
              <Table.Th w={150}>{t('immui.col.birth')}</Table.Th>
              <Table.Th>{t('immui.col.family')}</Table.Th>
              <Table.Th>{t('immui.col.dueDoses')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children.data.rows.map((r) => (
              <Table.Tr key={r.person.id} data-testid="imm-reg-row">
                <Table.Td>
                  <Anchor component={Link} to={`/nguoi/${r.person.id}?tab=immunization`} fw={600} size="sm">
                    {r.person.fullName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.person.hamletName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateVi(r.person.birthDate)}</Text>
                  <Text size="xs" c="dimmed">
                    {formatAge(r.person.birthDate, t, children.data.date)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <FamilyCell person={r.person} />
                </Table.Td>
                <Table.Td>
                  <SummaryCell s={r.summary} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {kind === 'women' && women.data && (
        <Table withTableBorder striped highlightOnHover data-testid="imm-reg-women">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('immui.col.name')}</Table.Th>
              <Table.Th w={110}>{t('immui.reg.age')}</Table.Th>
              <Table.Th>{t('immui.reg.pregnancy')}</Table.Th>
              <Table.Th w={120} ta="right">
                {t('immui.reg.uvDoses')}
              </Table.Th>
              <Table.Th>{t('immui.col.dueDoses')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {women.data.rows.map((r) => (
              <Table.Tr key={r.person.id} data-testid="imm-reg-row">
                <Table.Td>
                  <Anchor component={Link} to={`/nguoi/${r.person.id}?tab=immunization`} fw={600} size="sm">
                    {r.person.fullName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {[r.person.hamletName, r.person.phones[0]].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>{r.age ?? ''}</Table.Td>
                <Table.Td>
                  {r.pregnancy?.ongoing ? (
                    <Badge color="grape" variant="light" tt="none">
                      {t('immui.reg.edd', { date: formatDateVi(r.pregnancy.expectedDelivery) })}
                    </Badge>
                  ) : (
                    ''
                  )}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {r.uvDoses}
                </Table.Td>
                <Table.Td>
                  <SummaryCell s={r.summary} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
