import type { PatientInput } from '../../../preload/contract/patients.ts';
import { residentId } from '../patients/helpers.ts';
import type { FhirClinic } from './helpers.ts';

const HOUR = 60 * 60_000;

export const ZHANG: PatientInput = {
  fullName: '欧阳娜娜',
  sex: 'female',
  birthDate: '1988-03-09',
  phones: ['+86 138 0013 8000', '010-6552 9988'],
  identifier: { type: 'cn-resident', value: residentId('1988-03-09', '402') },
  address: '北京市东城区王府井大街 1 号',
  insurance: { provider: '北京医保', number: 'BJ-2024-778899' },
  emergencyContact: { name: '欧阳先生', phone: '139 1111 2222', relation: '配偶' },
  allergies: 'has',
  notes: '青霉素过敏\n每年复查',
};

/** A patient with something of every kind in the chart, written through the channels as staff would. */
export async function chartWithEverything(clinic: FhirClinic, patient: PatientInput = ZHANG): Promise<{ patientId: string }> {
  const registered = await clinic.ok('frontdesk', 'patients.register', { patient, confirmedNotDuplicate: true });
  const provider = await clinic.ok('admin', 'schedule.resources.save', { kind: 'provider', name: '李医生' });
  const room = await clinic.ok('admin', 'schedule.resources.save', { kind: 'room', name: '诊室 3' });
  const start = Math.floor(clinic.clock.now() / 60_000) * 60_000 + 2 * HOUR;
  const appointment = await clinic.ok('frontdesk', 'schedule.appointments.book', { patientId: registered.id, providerId: provider.id, roomId: room.id, start, end: start + HOUR / 2, reason: '复诊 <b>咳嗽</b>' });
  await clinic.ok('frontdesk', 'schedule.appointments.checkIn', { id: appointment.id });
  const encounter = await clinic.ok('physician', 'chart.encounters.create', {
    patientId: registered.id,
    encounter: {
      at: clinic.clock.now() - HOUR,
      appointmentId: appointment.id,
      chiefComplaint: '咳嗽三天',
      subjective: "Robert'); DROP TABLE patients;--",
      objective: '体温 38.2',
      assessment: '上呼吸道感染',
      plan: '多饮水',
      diagnoses: [
        { code: 'J06.9', text: '急性上呼吸道感染' },
        { code: 'R50.9', text: '发热' },
      ],
      orders: '血常规',
    },
  });
  await clinic.ok('physician', 'chart.encounters.sign', { id: encounter.id, expectedUpdatedAt: encounter.updatedAt });
  await clinic.ok('physician', 'chart.encounters.addendum', { id: encounter.id, text: '复查结果正常' });
  await clinic.ok('nurse', 'chart.vitals.record', {
    patientId: registered.id,
    vitals: { at: clinic.clock.now() - HOUR, encounterId: encounter.id, systolic: 128, diastolic: 82, heartRate: 76, temperature: 38.2, spo2: 97, respiratoryRate: 18, height: 165.5, weight: 58.3 },
  });
  await clinic.ok('nurse', 'chart.vitals.record', { patientId: registered.id, vitals: { at: clinic.clock.now() - HOUR / 2, weight: 58.1 } });
  await clinic.ok('physician', 'chart.problems.create', { patientId: registered.id, problem: { code: 'I10', text: '原发性高血压', onset: '2019-05-01', note: '<script>alert(1)</script>' } });
  await clinic.ok('physician', 'chart.problems.create', { patientId: registered.id, problem: { code: 'E11.9', text: '2型糖尿病', status: 'resolved', resolvedOn: '2023-01-02' } });
  await clinic.ok('nurse', 'chart.allergies.create', { patientId: registered.id, allergy: { substance: '青霉素', reaction: '皮疹', severity: 'severe' } });
  await clinic.ok('nurse', 'chart.allergies.create', { patientId: registered.id, allergy: { substance: '花生', severity: 'mild', status: 'inactive' } });
  await clinic.ok('physician', 'chart.medications.create', {
    patientId: registered.id,
    medication: { name: '氨氯地平', dose: '5 mg', route: 'oral', frequency: '每日一次', start: '2020-01-01', note: '晨服' },
  });
  await clinic.ok('physician', 'chart.medications.create', { patientId: registered.id, medication: { name: 'Salbutamol', route: 'inhaled', status: 'stopped' } });
  return { patientId: registered.id };
}
