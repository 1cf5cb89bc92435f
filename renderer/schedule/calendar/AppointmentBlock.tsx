import { theme } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentStatus } from '../../../preload/contract/schedule.ts';
import { timeRange } from '../appointmentTime.ts';

type Token = ReturnType<typeof theme.useToken>['token'];

const ACCENTS: Record<AppointmentStatus, (token: Token) => string> = {
  booked: (token) => token.colorPrimary,
  'checked-in': (token) => token.colorSuccess,
  'checked-out': (token) => token.colorTextQuaternary,
  cancelled: (token) => token.colorError,
  'no-show': (token) => token.colorWarning,
};

/** One appointment on the grid: time, patient and reason; the status as its colour and in its label. Opens the details. */
export function AppointmentBlock({ appointment, onOpen, style }: { appointment: Appointment; onOpen: (appointment: Appointment) => void; style: CSSProperties }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const accent = ACCENTS[appointment.status](token);
  const time = timeRange(appointment.start, appointment.end);
  const status = t(`schedule.statuses.${appointment.status}`);
  const room = appointment.room ? ` · ${appointment.room.name}` : '';
  return (
    <button
      type="button"
      onClick={() => onOpen(appointment)}
      aria-label={`${time} ${appointment.patient.fullName} ${appointment.patient.mrn} · ${appointment.provider.name}${room} · ${status}`}
      data-testid={`calendar-appointment-${appointment.patient.mrn}`}
      data-status={appointment.status}
      style={{
        position: 'absolute',
        zIndex: 1,
        overflow: 'hidden',
        textAlign: 'start',
        padding: '1px 6px',
        fontSize: 12,
        lineHeight: '18px',
        border: `1px solid ${accent}`,
        borderInlineStart: `4px solid ${accent}`,
        borderRadius: token.borderRadiusSM,
        background: token.colorBgElevated,
        color: token.colorText,
        opacity: appointment.status === 'no-show' || appointment.status === 'checked-out' ? 0.65 : 1,
        cursor: 'pointer',
        ...style,
      }}
    >
      <strong style={{ fontVariantNumeric: 'tabular-nums' }}>{time}</strong> {appointment.patient.fullName}
      {appointment.reason && <span style={{ color: token.colorTextSecondary }}> · {appointment.reason}</span>}
    </button>
  );
}
