import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import type { BookingStart } from './bookingValues.ts';
import { BookingForm } from './BookingForm.tsx';

/** A new booking (from a slot, the toolbar or a chart), or moving an existing appointment. */
export type BookingRequest = { kind: 'book'; start: BookingStart } | { kind: 'reschedule'; appointment: Appointment };

interface Props {
  request: BookingRequest | undefined;
  onClose: () => void;
  onSaved: (appointment: Appointment) => void;
}

/** A key per request: a form opened again while the last one is still animating closed must start from its own values. */
const keys = new WeakMap<BookingRequest, number>();
let lastKey = 0;
function keyOf(request: BookingRequest): number {
  if (!keys.has(request)) keys.set(request, ++lastKey);
  return keys.get(request)!;
}

export function BookingModal({ request, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={request !== undefined}
      title={request?.kind === 'reschedule' ? t('schedule.booking.rescheduleTitle') : t('schedule.booking.title')}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      {request && <BookingForm key={keyOf(request)} request={request} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  );
}
