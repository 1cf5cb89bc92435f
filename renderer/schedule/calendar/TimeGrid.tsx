import { theme, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../preload/contract/schedule.ts';
import { MINUTE_MS } from '../appointmentTime.ts';
import { AppointmentBlock } from './AppointmentBlock.tsx';
import { inColumn, type GridColumn } from './gridColumns.ts';
import { placeInLanes } from './lanes.ts';

const SLOT_MINUTES = 15;
const SLOT_PX = 22;
const AXIS_PX = 56;
const SLOTS_PER_HOUR = 60 / SLOT_MINUTES;

interface Props {
  label: string;
  columns: readonly GridColumn[];
  appointments: readonly Appointment[];
  /** First and last hour shown (the end exclusive). */
  hours: { start: number; end: number };
  /** Whether an empty slot books (schedulers); otherwise slots only move the focus. */
  bookable: boolean;
  onSlot: (column: GridColumn, start: number) => void;
  onOpen: (appointment: Appointment) => void;
}

/**
 * The calendar grid: a column per resource (day view) or per day (week view),
 * quarter-hour slots down, appointments as blocks over them. One slot is in
 * the tab order at a time (roving focus): arrows move by a slot or a column,
 * Page Up/Down by an hour, Home/End to the day's ends, Enter or Space books the
 * focused slot. Blocks are buttons of their own. Test ids: `calendar-grid`,
 * slots `slot-<column key>-<HHmm>`, blocks `calendar-appointment-<mrn>`.
 */
export function TimeGrid({ label, columns, appointments, hours, bookable, onSlot, onOpen }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const slotCount = (hours.end - hours.start) * SLOTS_PER_HOUR;
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const [focus, setFocus] = useState({ column: 0, slot: Math.min(slotCount - 1, Math.max(0, (9 - hours.start) * SLOTS_PER_HOUR)) });
  const column = Math.min(focus.column, Math.max(0, columns.length - 1));
  const slot = Math.min(focus.slot, slotCount - 1);

  const startOf = useCallback(
    (day: number, index: number) =>
      dayjs(day)
        .hour(hours.start)
        .minute(0)
        .add(index * SLOT_MINUTES, 'minute')
        .valueOf(),
    [hours.start],
  );

  const onKeyDown = (event: KeyboardEvent, c: number, s: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [c, s - 1],
      ArrowDown: [c, s + 1],
      ArrowLeft: [c - 1, s],
      ArrowRight: [c + 1, s],
      PageUp: [c, s - SLOTS_PER_HOUR],
      PageDown: [c, s + SLOTS_PER_HOUR],
      Home: [c, 0],
      End: [c, slotCount - 1],
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    // Focused at once (the cell exists already); its onFocus then moves the tab stop.
    cells.current.get(`${Math.max(0, Math.min(columns.length - 1, next[0]))}:${Math.max(0, Math.min(slotCount - 1, next[1]))}`)?.focus();
  };

  const now = Date.now();
  const border = `1px solid ${token.colorBorderSecondary}`;
  const bodyHeight = slotCount * SLOT_PX;
  const top = (at: number, day: number) => ((at - startOf(day, 0)) / (SLOT_MINUTES * MINUTE_MS)) * SLOT_PX;

  return (
    <div role="group" aria-label={label} data-testid="calendar-grid" style={{ overflow: 'auto', maxHeight: '70vh', border, borderRadius: token.borderRadius, background: token.colorBgContainer }}>
      <div style={{ display: 'flex', minWidth: AXIS_PX + columns.length * 140 }}>
        <div aria-hidden style={{ width: AXIS_PX, flex: 'none' }}>
          <div style={{ height: 40, position: 'sticky', top: 0, background: token.colorBgContainer, zIndex: 3, borderBottom: border }} />
          {Array.from({ length: hours.end - hours.start }, (_, i) => (
            <div key={i} style={{ height: SLOT_PX * SLOTS_PER_HOUR, paddingInline: 6, fontSize: 12, color: token.colorTextSecondary, borderTop: border, textAlign: 'right' }}>
              {String(hours.start + i).padStart(2, '0')}:00
            </div>
          ))}
        </div>
        {columns.map((col, c) => {
          const placed = placeInLanes(inColumn(col, appointments));
          const dayEnd = startOf(col.day, slotCount);
          return (
            <div key={col.key} style={{ flex: 1, minWidth: 140, borderLeft: border }}>
              <div
                style={{ height: 40, position: 'sticky', top: 0, zIndex: 3, background: token.colorBgContainer, borderBottom: border, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
              >
                <Typography.Text strong ellipsis data-testid={`calendar-column-${col.key}`}>
                  {col.title}
                </Typography.Text>
              </div>
              <div style={{ position: 'relative', height: bodyHeight }}>
                {Array.from({ length: slotCount }, (_, s) => {
                  const start = startOf(col.day, s);
                  const time = dayjs(start).format('HH:mm');
                  return (
                    <button
                      key={s}
                      type="button"
                      ref={(element) => {
                        if (element) cells.current.set(`${c}:${s}`, element);
                        else cells.current.delete(`${c}:${s}`);
                      }}
                      tabIndex={c === column && s === slot ? 0 : -1}
                      aria-label={bookable ? t('schedule.calendar.bookSlot', { resource: col.title, time, date: dayjs(start).format('YYYY-MM-DD') }) : `${col.title} ${time}`}
                      aria-disabled={!bookable}
                      onFocus={() => setFocus({ column: c, slot: s })}
                      onKeyDown={(event) => onKeyDown(event, c, s)}
                      onClick={() => bookable && onSlot(col, start)}
                      className="schedule-slot"
                      data-testid={`slot-${col.key}-${time.replace(':', '')}`}
                      style={{
                        position: 'absolute',
                        insetInline: 0,
                        top: s * SLOT_PX,
                        height: SLOT_PX,
                        border: 'none',
                        borderTop: s % SLOTS_PER_HOUR === 0 ? border : `1px dashed ${token.colorSplit}`,
                        background: start < now ? token.colorFillQuaternary : 'transparent',
                        cursor: bookable ? 'pointer' : 'default',
                        padding: 0,
                      }}
                    />
                  );
                })}
                {now >= startOf(col.day, 0) && now < dayEnd && (
                  <div aria-hidden style={{ position: 'absolute', insetInline: 0, top: top(now, col.day), height: 2, background: token.colorError, zIndex: 2, pointerEvents: 'none' }} />
                )}
                {placed.map(({ item, lane, lanes }) => {
                  const from = Math.max(item.start, startOf(col.day, 0));
                  const to = Math.min(item.end, dayEnd);
                  if (to <= from) return null;
                  return (
                    <AppointmentBlock
                      key={item.id}
                      appointment={item}
                      onOpen={onOpen}
                      style={{
                        top: top(from, col.day),
                        height: Math.max(SLOT_PX - 2, top(to, col.day) - top(from, col.day) - 2),
                        left: `calc(${(lane / lanes) * 100}% + 2px)`,
                        width: `calc(${100 / lanes}% - 4px)`,
                      }}
                    />
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
