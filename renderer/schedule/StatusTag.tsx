import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../preload/contract/schedule.ts';

export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  booked: 'blue',
  'checked-in': 'green',
  'checked-out': 'default',
  cancelled: 'red',
  'no-show': 'orange',
};

/** An appointment's status, coloured the same everywhere in the schedule. */
export function StatusTag({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="appointment-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`schedule.statuses.${status}`)}
    </Tag>
  );
}
