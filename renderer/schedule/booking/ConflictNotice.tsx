import { Alert, Button, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { call } from '../../platform/api.ts';
import { timeRange } from '../appointmentTime.ts';
import { freeStarts } from './freeSlots.ts';

/** What main said stands in the way (`details` of a CONFLICT `double-booked`). */
export interface Conflict {
  appointmentId: string;
  start: number;
  end: number;
  resourceId: string;
  resourceName: string;
}

const SUGGESTIONS = 6;
const DAY_START_HOUR = 7;
const DAY_END_HOUR = 21;

interface Props {
  conflict: Conflict;
  /** The slot that was refused. */
  wanted: { start: number; end: number };
  onPick: (start: number) => void;
}

/**
 * A refused double booking: which appointment is in the way (time, resource,
 * and the patient once read), and the nearest free starts of that resource on
 * the same day to choose instead. Test ids: `booking-conflict`, slots
 * `conflict-slot-HHmm`.
 */
export function ConflictNotice({ conflict, wanted, onPick }: Props) {
  const { t } = useTranslation();
  const [blocking, setBlocking] = useState<Appointment>();
  const [free, setFree] = useState<number[]>();

  useEffect(() => {
    let current = true;
    call('schedule.appointments.get', { id: conflict.appointmentId }).then(
      (appointment) => current && setBlocking(appointment),
      () => {},
    );
    const day = dayjs(wanted.start);
    const from = day.hour(DAY_START_HOUR).startOf('hour').valueOf();
    const until = day.hour(DAY_END_HOUR).startOf('hour').valueOf();
    call('schedule.appointments.list', { from: day.startOf('day').valueOf(), to: day.add(1, 'day').startOf('day').valueOf(), resourceIds: [conflict.resourceId] }).then(
      (busy) => {
        const holding = busy.filter((appointment) => appointment.status !== 'no-show' && appointment.status !== 'cancelled');
        if (current) setFree(freeStarts(holding, wanted.end - wanted.start, wanted.start, Math.max(from, Date.now()), until, SUGGESTIONS));
      },
      () => current && setFree([]),
    );
    return () => {
      current = false;
    };
  }, [conflict.appointmentId, conflict.resourceId, wanted.start, wanted.end]);

  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid="booking-conflict"
      title={t('schedule.conflict.title', { resource: conflict.resourceName })}
      description={
        <Flex vertical gap="small">
          <Typography.Text data-testid="booking-conflict-detail">
            {t('schedule.conflict.detail', {
              date: dayjs(conflict.start).format('YYYY-MM-DD'),
              time: timeRange(conflict.start, conflict.end),
              resource: conflict.resourceName,
            })}
            {blocking && ` · ${blocking.patient.fullName} (${blocking.patient.mrn}) · ${t(`schedule.statuses.${blocking.status}`)}`}
          </Typography.Text>
          {free && (
            <>
              <Typography.Text type="secondary">{free.length > 0 ? t('schedule.conflict.pick') : t('schedule.conflict.noneFree')}</Typography.Text>
              <Flex gap="small" wrap>
                {free.map((start) => (
                  <Button key={start} size="small" onClick={() => onPick(start)} data-testid={`conflict-slot-${dayjs(start).format('HHmm')}`}>
                    {dayjs(start).format('HH:mm')}
                  </Button>
                ))}
              </Flex>
            </>
          )}
        </Flex>
      }
    />
  );
}

/** The conflict in a CONFLICT error's details, if it is a double booking. */
export function conflictOf(details: Readonly<Record<string, string | number | boolean>>): Conflict | null {
  if (details.reason !== 'double-booked') return null;
  return {
    appointmentId: String(details.appointmentId),
    start: Number(details.start),
    end: Number(details.end),
    resourceId: String(details.resourceId),
    resourceName: String(details.resourceName),
  };
}
