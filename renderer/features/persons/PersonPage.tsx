import { Alert, Anchor, Divider, Loader, Modal, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ReferralsTab } from '../referrals/ReferralsTab.js';
import { PersonVisitsTab } from '../visits/PersonVisitsTab.js';
import { PersonNcdTab } from '../ncd/PersonNcdTab.js';
import { PersonImmunizationTab } from '../immunization/PersonImmunizationTab.js';
import { HealthRecordTab } from './health-record/HealthRecordTab.js';
import { MergeModal } from './MergeModal.js';
import { LifeEventModal, MoveModal, type LifeEventKind } from './PersonActions.js';
import { PersonDetails } from './PersonDetails.js';
import { PersonEvents } from './PersonEvents.js';
import { PersonForm } from './PersonForm.js';
import { valuesFromPerson } from './personFormModel.js';
import { PersonHeader, type PersonAction } from './PersonHeader.js';
import { EDITOR_ROLES, MERGE_ROLES, useSessionRole } from './useSessionRole.js';

/** A person's record: header, health record (sections A and B), visits, and the modules still to come. */
export function PersonPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const role = useSessionRole();
  const q = useApiQuery('persons.get', { id }, { enabled: Boolean(id) });
  const update = useApiMutation('persons.update');
  const [action, setAction] = useState<PersonAction | null>(null);
  const [searchParams] = useSearchParams();
  const [tab, setTab] = useState<string | null>(searchParams.get('tab') ?? 'record');

  if (q.isPending) return <Loader />;
  if (q.isError) return <Alert color="red">{q.error.message}</Alert>;
  const { person, summary, events, resolvedFrom } = q.data;
  const canEdit = role !== null && EDITOR_ROLES.includes(role);
  const canMerge = role !== null && MERGE_ROLES.includes(role);
  const close = () => setAction(null);
  const lifeKind = action === 'died' || action === 'moved_away' || action === 'returned' ? (action as LifeEventKind) : null;

  return (
    <Stack>
      {resolvedFrom && (
        <Alert color="grape" data-testid="merged-notice">
          {t('person.resolvedFrom', { id: resolvedFrom })}
        </Alert>
      )}
      <PersonHeader person={person} summary={summary} canEdit={canEdit} canMerge={canMerge} onAction={setAction} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="record">{t('person.tab.record')}</Tabs.Tab>
          <Tabs.Tab value="visits">{t('person.tab.visits')}</Tabs.Tab>
          <Tabs.Tab value="chronic">{t('nav.chronic')}</Tabs.Tab>
          <Tabs.Tab value="immunization">{t('nav.immunization')}</Tabs.Tab>
          <Tabs.Tab value="referrals">{t('nav.referrals')}</Tabs.Tab>
          <Tabs.Tab value="events">{t('person.tab.events')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="record" pt="md">
          <Stack>
            <PersonDetails person={person} />
            <Divider label={t('hr.title')} labelPosition="left" />
            <HealthRecordTab personId={person.id} sex={person.sex} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="visits" pt="md">
          <PersonVisitsTab personId={person.id} />
        </Tabs.Panel>
        <Tabs.Panel value="chronic" pt="md">
          <PersonNcdTab personId={person.id} active={person.status === 'active'} />
        </Tabs.Panel>
        <Tabs.Panel value="immunization" pt="md">
          <PersonImmunizationTab personId={person.id} sex={person.sex} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <ReferralsTab personId={person.id} />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="md">
          <PersonEvents events={events} testId="person-events" />
          {person.householdId && (
            <Anchor component={Link} to={`/ho-gia-dinh/${person.householdId}`} size="sm" mt="xs" display="block">
              {t('person.householdHistory')}
            </Anchor>
          )}
        </Tabs.Panel>
      </Tabs>
      <Modal opened={action === 'edit'} onClose={close} title={t('person.editTitle', { name: person.fullName })} size="80rem">
        {action === 'edit' && (
          <PersonForm
            initial={valuesFromPerson(person)}
            excludeId={person.id}
            onCancel={close}
            onSave={async (fields, options) => {
              await update.mutateAsync({ id: person.id, person: fields, ...options });
              reportSuccess(t('common.saved'));
              close();
            }}
          />
        )}
      </Modal>
      <LifeEventModal person={person} kind={lifeKind} onClose={close} />
      <MoveModal person={person} opened={action === 'move'} onClose={close} />
      <MergeModal person={person} opened={action === 'merge'} onClose={close} />
    </Stack>
  );
}
