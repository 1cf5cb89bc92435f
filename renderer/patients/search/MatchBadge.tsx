import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../preload/contract/patients.ts';

type Match = NonNullable<SearchHit['match']>;

const KIND_COLORS: Record<Match['kind'], string> = { exact: 'green', prefix: 'blue', substring: 'default' };

/** Which field matched the query and how closely, so the desk sees why a row is listed. */
export function MatchBadge({ match }: { match: Match }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[match.kind]} data-testid="patient-hit-match" data-field={match.field} data-kind={match.kind}>
      {t(`patients.matchFields.${match.field}`)} · {t(`patients.matchKinds.${match.kind}`)}
    </Tag>
  );
}
