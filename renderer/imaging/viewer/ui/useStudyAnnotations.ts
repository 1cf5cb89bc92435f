/**
 * A study's measurements and key images: restored into the tools when the study opens, listed with their
 * values as they change, and saved (debounced) through imaging.annotations.save by those allowed to.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { imagingChannels, type KeyImage } from '../../../../preload/contract/imaging.ts';
import type { Role } from '../../../../preload/contract/roles.ts';
import { call, toContractCallError } from '../../../platform/api.ts';
import { useSession } from '../../../session/SessionContext.ts';
import { collectAnnotations, removeAnnotation, restoreAnnotations, type MeasuredAnnotation } from '../viewport/annotations.ts';

const SAVE_DELAY_MS = 600;

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed' | 'readOnly';

export interface StudyAnnotations {
  readonly ready: boolean;
  readonly measurements: readonly MeasuredAnnotation[];
  readonly keyImages: readonly KeyImage[];
  readonly saveState: SaveState;
  readonly canSave: boolean;
  /** Re-reads the tools' state (after a measurement is drawn, moved or an image is drawn). */
  readonly refresh: () => void;
  readonly remove: (id: string) => void;
  readonly toggleKeyImage: (image: KeyImage) => void;
}

const sameKey = (a: KeyImage, b: KeyImage) => a.instanceId === b.instanceId && a.frame === b.frame;
const fingerprint = (measurements: readonly MeasuredAnnotation[]) => JSON.stringify(measurements.map(({ value: _value, ...saved }) => saved));

export function useStudyAnnotations(studyId: string, isCalibrated: (instanceId: string) => boolean): StudyAnnotations {
  const { role } = useSession();
  const canSave = (imagingChannels['imaging.annotations.save'].access as readonly Role[]).includes(role);
  const [ready, setReady] = useState(false);
  const [measurements, setMeasurements] = useState<readonly MeasuredAnnotation[]>([]);
  const [keyImages, setKeyImages] = useState<readonly KeyImage[]>([]);
  const [saveState, setSaveState] = useState<SaveState>(canSave ? 'idle' : 'readOnly');
  const saved = useRef<string>('');
  const timer = useRef<number | undefined>(undefined);
  const calibrated = useRef(isCalibrated);
  calibrated.current = isCalibrated;

  useEffect(() => {
    let current = true;
    setReady(false);
    restoreAnnotations([]);
    call('imaging.annotations.get', { studyId }).then(
      (stored) => {
        if (!current) return;
        restoreAnnotations(stored.annotations);
        const restored = collectAnnotations((id) => calibrated.current(id));
        saved.current = JSON.stringify({ a: fingerprint(restored), k: stored.keyImages });
        setMeasurements(restored);
        setKeyImages(stored.keyImages);
        setReady(true);
      },
      () => current && setReady(true),
    );
    return () => {
      current = false;
      window.clearTimeout(timer.current);
    };
  }, [studyId]);

  const save = useCallback(
    (next: readonly MeasuredAnnotation[], keys: readonly KeyImage[]) => {
      const print = JSON.stringify({ a: fingerprint(next), k: keys });
      if (!canSave || print === saved.current) return;
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        setSaveState('saving');
        const annotations = next.map(({ value: _value, ...annotation }) => annotation);
        call('imaging.annotations.save', { studyId, annotations, keyImages: [...keys] }).then(
          () => {
            saved.current = print;
            setSaveState('saved');
          },
          (error: unknown) => {
            setSaveState(toContractCallError(error).code === 'FORBIDDEN' ? 'readOnly' : 'failed');
          },
        );
      }, SAVE_DELAY_MS);
    },
    [canSave, studyId],
  );

  const refresh = useCallback(() => {
    if (!ready) return;
    const next = collectAnnotations((id) => calibrated.current(id));
    setMeasurements(next);
    save(next, keyImages);
  }, [ready, keyImages, save]);

  const remove = useCallback(
    (id: string) => {
      removeAnnotation(id);
      const next = collectAnnotations((instanceId) => calibrated.current(instanceId));
      setMeasurements(next);
      save(next, keyImages);
    },
    [keyImages, save],
  );

  const toggleKeyImage = useCallback(
    (image: KeyImage) => {
      const next = keyImages.some((k) => sameKey(k, image)) ? keyImages.filter((k) => !sameKey(k, image)) : [...keyImages, image];
      setKeyImages(next);
      save(measurements, next);
    },
    [keyImages, measurements, save],
  );

  return { ready, measurements, keyImages, saveState, canSave, refresh, remove, toggleKeyImage };
}
