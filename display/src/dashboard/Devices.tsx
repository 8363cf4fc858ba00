import { TableHead } from './TableHead.tsx';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DeviceHealth, PairingCode } from '@giliran/shared';
import { getJson, postJson } from '@giliran/client';
import { formatClock, formatDate, zoneLabel } from '../format.ts';
import type { I18n, StringKey } from '../i18n.ts';
import { deleteJson, failureText } from './api.ts';
import { mergeDevices, printerNeedsAttention, type DeviceRecord } from './shape.ts';
import type { DashText } from './strings.ts';

interface DevicesProps {
  i18n: I18n;
  t: DashText;
  token: string;
  admin: boolean;
  health: DeviceHealth[];
  timeZone: string;
}

/** Kiosks and boards: stored list + live health; admins pair new ones and revoke old ones. */
export function DevicesSection({ i18n, t, token, admin, health, timeZone }: DevicesProps) {
  const [list, setList] = useState<DeviceRecord[] | null>(null);
  // Kept as thrown, worded at render time in the current language.
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setList((await getJson<DeviceRecord[]>('/api/devices', token)) ?? []);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [token]);

  useEffect(() => {
    void load();
  }, [load]);
  // A device seen live that the list does not know yet (just paired): fetch the list again.
  const unknownLive = list !== null && health.some((h) => !list.some((d) => d.id === h.deviceId));
  useEffect(() => {
    if (unknownLive) void load();
  }, [unknownLive, load]);

  const revoke = async (id: string) => {
    try {
      await deleteJson('/api/admin/devices/' + encodeURIComponent(id), token);
      setConfirming(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const when = (ms: number | null) =>
    ms === null
      ? t('never')
      : `${formatDate(ms, timeZone, i18n.lang)}, ${formatClock(ms, timeZone, i18n.lang)}`;
  const rows = list ? mergeDevices(list, health) : [];

  return (
    <div className="dash-devices">
      {admin && (
        <PairingForm i18n={i18n} t={t} token={token} timeZone={timeZone} onCreated={() => void load()} />
      )}
      <section className="card" aria-labelledby="devices-title">
        <div className="card-head">
          <h2 id="devices-title">{t('devicesTitle')}</h2>
          <button type="button" onClick={() => void load()}>
            {t('refresh')}
          </button>
        </div>
        {error !== null && (
          <p role="alert" className="error">
            {failureText(error, i18n.lang)}
          </p>
        )}
        {list === null ? (
          <p role="status">{t('loading')}</p>
        ) : rows.length === 0 ? (
          <p className="muted">{t('noDevices')}</p>
        ) : (
          <table className="dash-table" data-testid="devices">
            <TableHead
              columns={[
                t('name'),
                t('role'),
                t('connection'),
                t('lastSeen'),
                t('printer'),
                ...(admin ? [t('actions')] : []),
              ]}
            />
            <tbody>
              {rows.map((d) => (
                <tr
                  key={d.id}
                  data-testid={`device-${d.id}`}
                  className={d.revoked ? 'dash-revoked' : undefined}
                >
                  <th scope="row">{d.name}</th>
                  <td>
                    {d.role === 'kiosk' || d.role === 'board' || d.role === 'survey'
                      ? t(`role_${d.role}`)
                      : d.role}
                  </td>
                  <td data-testid="device-state">
                    {d.revoked ? (
                      <span className="badge dash-bad-badge">{t('revoked')}</span>
                    ) : d.connected ? (
                      <span className="badge dash-ok-badge">{t('connected')}</span>
                    ) : (
                      <span className="badge">{t('disconnected')}</span>
                    )}
                  </td>
                  <td>{when(d.lastSeen)}</td>
                  <td>
                    <span className={printerNeedsAttention(d.printer) ? 'badge dash-bad-badge' : undefined}>
                      {i18n.t(`printer_${d.printer}` as StringKey)}
                    </span>
                    {d.printerUri && <div className="mono muted">{d.printerUri}</div>}
                  </td>
                  {admin && (
                    <td>
                      {d.revoked ? null : confirming === d.id ? (
                        <div className="dash-confirm" role="group" aria-label={t('revoke')}>
                          <p>{t('revokeConfirm', { name: d.name })}</p>
                          <button type="button" className="danger" onClick={() => void revoke(d.id)}>
                            {t('revokeYes')}
                          </button>{' '}
                          <button type="button" onClick={() => setConfirming(null)}>
                            {t('cancel')}
                          </button>
                        </div>
                      ) : (
                        <button
                          type="button"
                          className="danger"
                          onClick={() => setConfirming(d.id)}
                          aria-label={`${t('revoke')} ${d.name}`}
                        >
                          {t('revoke')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function PairingForm({
  i18n,
  t,
  token,
  timeZone,
  onCreated,
}: {
  i18n: I18n;
  t: DashText;
  token: string;
  timeZone: string;
  onCreated: () => void;
}) {
  const [role, setRole] = useState<'kiosk' | 'board' | 'survey'>('kiosk');
  const [name, setName] = useState('');
  const [printerUri, setPrinterUri] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<(PairingCode & { name: string }) | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = {
        role,
        name: name.trim(),
        ...(role === 'kiosk' && printerUri.trim() ? { printerUri: printerUri.trim() } : {}),
      };
      const res = await postJson<PairingCode>('/api/admin/pairing-codes', body, token);
      setCreated({ ...res, name: body.name });
      setError(null);
      onCreated();
    } catch (err) {
      setError(failureText(err, i18n.lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card dash-pair" aria-labelledby="pair-title">
      <h2 id="pair-title">{t('pairTitle')}</h2>
      <p className="muted">{t('pairHelp')}</p>
      <form className="dash-form-row" onSubmit={(e) => void submit(e)}>
        <label htmlFor="pair-role">{t('role')}</label>
        <select
          id="pair-role"
          value={role}
          onChange={(e) =>
            setRole(e.target.value === 'board' ? 'board' : e.target.value === 'survey' ? 'survey' : 'kiosk')
          }
        >
          <option value="kiosk">{t('role_kiosk')}</option>
          <option value="board">{t('role_board')}</option>
          <option value="survey">{t('role_survey')}</option>
        </select>
        <label htmlFor="pair-name">{t('deviceName')}</label>
        <input
          id="pair-name"
          required
          maxLength={64}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {role === 'kiosk' && (
          <>
            <label htmlFor="pair-printer">{t('printerUri')}</label>
            <input
              id="pair-printer"
              placeholder="tcp://10.0.0.21:9100"
              maxLength={200}
              value={printerUri}
              onChange={(e) => setPrinterUri(e.target.value)}
            />
          </>
        )}
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          {t('createCode')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {created && (
        <div className="dash-code-big" role="status" data-testid="pairing-code">
          <p>{t('pairingCode', { name: created.name })}</p>
          <p className="dash-pin mono" aria-label={created.code.split('').join(' ')}>
            {created.code.slice(0, 4)} {created.code.slice(4)}
          </p>
          <p>
            {t('validUntil', {
              time: `${formatClock(created.expiresAt, timeZone, i18n.lang)} ${zoneLabel(timeZone)}`,
            })}
          </p>
        </div>
      )}
    </section>
  );
}
