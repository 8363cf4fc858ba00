import {
  formatDayMonth,
  isBookingCode,
  type CheckinCandidate,
  type IssuedTicket,
  type Lang,
  type OfficeConfig,
  type PrintResult,
  type ServiceConfig,
} from '@giliran/shared';
import { Button, CodeDisplay, Keypad, NikDisplay, QrImage } from './components.tsx';
import { isSelectable, mergedChecklist, refusalOf, type Refusal } from './flow.ts';
import { refusalText } from './refusals.ts';
import { loc, PRINTER_FAULTS, STRINGS, tr } from './strings.ts';

type L = { lang: Lang };

function WalkinButtons(props: L & { services: ServiceConfig[]; onWalkin: (id: string) => void }) {
  return (
    <div className="walkins">
      {props.services.map((s) => (
        <button key={s.id} type="button" className="walkin" onClick={() => props.onWalkin(s.id)}>
          <span className="walkin-letter" aria-hidden="true">
            {s.letter}
          </span>
          <span className="walkin-text">
            <span className="walkin-name">{loc(s.name, props.lang)}</span>
            {s.description && <span className="walkin-desc">{loc(s.description, props.lang)}</span>}
          </span>
        </button>
      ))}
    </div>
  );
}

export function walkinServices(config: OfficeConfig): ServiceConfig[] {
  return config.services.filter((s) => s.kind === 'walkin');
}

export function IdleScreen(
  props: L & { config: OfficeConfig; onNik: () => void; onCode: () => void; onWalkin: (id: string) => void },
) {
  const { lang } = props;
  return (
    <main className="screen screen-idle" data-screen="idle">
      <h1 className="visually-first">
        {tr(STRINGS.welcome, lang)} — {props.config.office.name}
      </h1>
      <section className="scan-panel" aria-labelledby="scan-title">
        <div className="scan-icon" aria-hidden="true">
          ▣
        </div>
        <h2 id="scan-title">{tr(STRINGS.scanTitle, lang)}</h2>
        <p>{tr(STRINGS.scanHint, lang)}</p>
      </section>
      <section className="type-panel" aria-labelledby="type-title">
        <h2 id="type-title">{tr(STRINGS.orType, lang)}</h2>
        <div className="row">
          <Button onClick={props.onNik} wide>
            {tr(STRINGS.typeNik, lang)}
          </Button>
          <Button onClick={props.onCode} wide>
            {tr(STRINGS.typeCode, lang)}
          </Button>
        </div>
      </section>
      <section aria-labelledby="walkin-title">
        <h2 id="walkin-title">{tr(STRINGS.walkinTitle, lang)}</h2>
        <WalkinButtons lang={lang} services={walkinServices(props.config)} onWalkin={props.onWalkin} />
      </section>
    </main>
  );
}

export function EntryScreen(
  props: L & {
    field: 'nik' | 'code';
    value: string;
    onKey: (key: string) => void;
    onSubmit: () => void;
    onBack: () => void;
  },
) {
  const { lang, field, value } = props;
  const ready = field === 'nik' ? value.length === 16 : isBookingCode(value);
  return (
    <main className="screen screen-entry" data-screen={field}>
      <h1>{tr(field === 'nik' ? STRINGS.nikTitle : STRINGS.codeTitle, lang)}</h1>
      <p className="hint">{tr(field === 'nik' ? STRINGS.nikHint : STRINGS.codeHint, lang)}</p>
      {field === 'nik' ? (
        <>
          <NikDisplay digits={value} label={tr(STRINGS.nik, lang)} />
          <p className="count">{tr(STRINGS.nikCount, lang)(value.length)}</p>
        </>
      ) : (
        <CodeDisplay value={value} label={tr(STRINGS.bookingCode, lang)} testId="code-display" />
      )}
      <Keypad kind={field === 'nik' ? 'numeric' : 'alphanumeric'} lang={lang} onKey={props.onKey} />
      <div className="row actions">
        <Button variant="secondary" onClick={props.onBack}>
          ← {tr(STRINGS.back, lang)}
        </Button>
        <Button onClick={props.onSubmit} disabled={!ready} wide>
          {tr(STRINGS.search, lang)}
        </Button>
      </div>
    </main>
  );
}

function CandidateCard(
  props: L & {
    c: CheckinCandidate;
    config: OfficeConfig;
    selected: boolean;
    family: boolean;
    onToggle: () => void;
  },
) {
  const { c, lang } = props;
  const selectable = isSelectable(c);
  const refusal = refusalOf(c);
  const service = props.config.services.find((s) => s.kind === 'booking');
  const a = c.assessment;
  const body = (
    <>
      <dl className="facts">
        <div className="fact-name">
          <dt>{tr(STRINGS.name, lang)}</dt>
          <dd data-testid="masked-name">{c.maskedName}</dd>
        </div>
        {c.birthDayMonth && (
          <div>
            <dt>{tr(STRINGS.birthDate, lang)}</dt>
            <dd data-testid="birth-day">{formatDayMonth(c.birthDayMonth, lang)}</dd>
          </div>
        )}
        <div>
          <dt>{tr(STRINGS.nik, lang)}</dt>
          <dd className="mono">{c.maskedNik.replace(/(.{4})(?=.)/g, '$1 ')}</dd>
        </div>
        <div>
          <dt>{tr(STRINGS.service, lang)}</dt>
          <dd>{service ? loc(service.name, lang) : c.applicationType}</dd>
        </div>
        <div>
          <dt>{tr(STRINGS.window, lang)}</dt>
          <dd>
            {c.window.start}–{c.window.end}
          </dd>
        </div>
        <div>
          <dt>{tr(STRINGS.bookingCode, lang)}</dt>
          <dd className="mono">{c.bookingCode}</dd>
        </div>
      </dl>
      {a.kind === 'already' && <p className="note">{tr(STRINGS.alreadyNote, lang)(a.ticketNumber)}</p>}
      {a.kind === 'late' && a.action !== 'refuse' && (
        <p className="note">{tr(STRINGS.lateNote, lang)(a.windowEnd)}</p>
      )}
      {!selectable && refusal && (
        <p className="note note-refused">
          {tr(STRINGS.cannotToday, lang)}: {refusalText(refusal, lang).title}
        </p>
      )}
    </>
  );
  if (!props.family) return <div className="candidate">{body}</div>;
  return (
    <div
      className={`candidate${props.selected ? ' candidate-selected' : ''}${selectable ? '' : ' candidate-disabled'}`}
    >
      {body}
      {selectable && (
        <Button
          variant={props.selected ? 'primary' : 'secondary'}
          pressed={props.selected}
          onClick={props.onToggle}
          testId={`toggle-${c.bookingCode}`}
        >
          {props.selected ? `✓ ${tr(STRINGS.selected, lang)}` : tr(STRINGS.notSelected, lang)}
        </Button>
      )}
    </div>
  );
}

export function ConfirmScreen(
  props: L & {
    config: OfficeConfig;
    candidates: CheckinCandidate[];
    selected: string[];
    onToggle: (code: string) => void;
    onConfirm: () => void;
    onBack: () => void;
  },
) {
  const { lang, candidates, selected } = props;
  const family = candidates.length > 1;
  const checklist = mergedChecklist(candidates, selected);
  return (
    <main className="screen screen-confirm" data-screen="confirm">
      <h1>{tr(STRINGS.confirmTitle, lang)}</h1>
      {family && <p className="hint">{tr(STRINGS.confirmFamily, lang)}</p>}
      <div className="candidates">
        {candidates.map((c) => (
          <CandidateCard
            key={c.bookingCode}
            c={c}
            lang={lang}
            config={props.config}
            family={family}
            selected={selected.includes(c.bookingCode)}
            onToggle={() => props.onToggle(c.bookingCode)}
          />
        ))}
      </div>
      <Checklist lang={lang} items={checklist} />
      <div className="row actions actions-sticky">
        <Button variant="secondary" onClick={props.onBack}>
          ← {tr(family ? STRINGS.back : STRINGS.notThisOne, lang)}
        </Button>
        <Button onClick={props.onConfirm} disabled={selected.length === 0} wide testId="confirm">
          {family ? tr(STRINGS.confirmMany, lang)(selected.length) : tr(STRINGS.confirmOne, lang)}
        </Button>
      </div>
    </main>
  );
}

function Checklist(props: L & { items: { id: string; en: string }[] }) {
  if (props.items.length === 0) return null;
  return (
    <section className="checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{tr(STRINGS.checklistTitle, props.lang)}</h2>
      <ul data-testid="checklist">
        {props.items.map((item) => (
          <li key={item.id}>{loc(item, props.lang)}</li>
        ))}
      </ul>
    </section>
  );
}

export function WalkinScreen(
  props: L & { service: ServiceConfig; onConfirm: () => void; onBack: () => void },
) {
  const { lang, service } = props;
  return (
    <main className="screen screen-walkin" data-screen="walkin">
      <h1>{tr(STRINGS.walkinConfirmTitle, lang)}</h1>
      <div className="candidate">
        <p className="service-name">
          <span className="walkin-letter" aria-hidden="true">
            {service.letter}
          </span>{' '}
          {loc(service.name, lang)}
        </p>
        {service.description && <p>{loc(service.description, lang)}</p>}
      </div>
      <Checklist lang={lang} items={service.checklist} />
      <div className="row actions">
        <Button variant="secondary" onClick={props.onBack}>
          ← {tr(STRINGS.back, lang)}
        </Button>
        <Button onClick={props.onConfirm} wide testId="confirm">
          {tr(STRINGS.walkinConfirm, lang)}
        </Button>
      </div>
    </main>
  );
}

export function RefusalScreen(
  props: L & {
    refusal: Refusal;
    config: OfficeConfig;
    onRetry: () => void;
    onHome: () => void;
    onWalkin: (id: string) => void;
  },
) {
  const { lang } = props;
  const text = refusalText(props.refusal, lang);
  return (
    <main className="screen screen-refusal" data-screen="refusal" data-refusal={props.refusal.kind}>
      <div className="refusal-banner" role="alert">
        <h1>{text.title}</h1>
        <p>{text.body}</p>
      </div>
      <section className="refusal-next" aria-labelledby="next-title">
        <h2 id="next-title">{tr(STRINGS.whatNext, lang)}</h2>
        <ol className="steps">
          {text.next.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      </section>
      <div className="row actions">
        <Button variant="secondary" onClick={props.onHome}>
          ← {tr(STRINGS.startOver, lang)}
        </Button>
        {text.retry && (
          <Button onClick={props.onRetry} wide>
            {tr(STRINGS.tryAgain, lang)}
          </Button>
        )}
      </div>
      <section className="refusal-walkins" aria-labelledby="refusal-walkin-title">
        <h2 id="refusal-walkin-title">{tr(STRINGS.orWalkin, lang)}</h2>
        <WalkinButtons lang={lang} services={walkinServices(props.config)} onWalkin={props.onWalkin} />
      </section>
    </main>
  );
}

function TicketFacts(props: L & { t: IssuedTicket; big: boolean }) {
  const { t, lang } = props;
  return (
    <div className="ticket" data-testid="issued-ticket">
      <p className="ticket-service">{loc(t.print.serviceName, lang)}</p>
      <p
        className={props.big ? 'ticket-number' : 'ticket-number ticket-number-small'}
        data-testid="ticket-number"
      >
        {t.print.number}
      </p>
      {t.print.maskedName && (
        <p className="ticket-holder" data-testid="ticket-holder">
          {tr(STRINGS.holder, lang)}: <strong>{t.print.maskedName}</strong>
        </p>
      )}
      {t.print.reprint && <p className="note">{tr(STRINGS.reprinted, lang)}</p>}
      <dl className="facts facts-inline">
        <div>
          <dt>{tr(STRINGS.peopleAhead, lang)}</dt>
          <dd data-testid="people-ahead">{t.peopleAhead}</dd>
        </div>
        <div>
          <dt>{tr(STRINGS.estimatedWait, lang)}</dt>
          <dd data-testid="estimated-wait">{tr(STRINGS.minutes, lang)(t.estimatedWaitMinutes)}</dd>
        </div>
      </dl>
      {t.print.note && <p className="note">{loc(t.print.note, lang)}</p>}
    </div>
  );
}

export function DoneScreen(props: L & { tickets: IssuedTicket[]; onFinish: () => void }) {
  const { lang, tickets } = props;
  return (
    <main className="screen screen-done" data-screen="done">
      <h1>{tr(tickets.length > 1 ? STRINGS.doneTitleMany : STRINGS.doneTitle, lang)}</h1>
      <div className={tickets.length > 1 ? 'tickets tickets-many' : 'tickets'}>
        {tickets.map((t) => (
          <TicketFacts key={t.ticket.id} t={t} lang={lang} big={tickets.length === 1} />
        ))}
      </div>
      <p className="lead">{tr(STRINGS.takeTicket, lang)}</p>
      <div className={tickets.length > 1 ? 'row actions actions-sticky' : 'row actions'}>
        <Button onClick={props.onFinish} wide>
          {tr(STRINGS.finish, lang)}
        </Button>
      </div>
    </main>
  );
}

export function PrintFailedScreen(
  props: L & {
    tickets: IssuedTicket[];
    result: Extract<PrintResult, { ok: false }>;
    onRetry: () => void;
    onFinish: () => void;
  },
) {
  const { lang, tickets } = props;
  const reason = PRINTER_FAULTS[props.result.reason];
  return (
    <main className="screen screen-printfail" data-screen="print-failed">
      <div className="refusal-banner" role="alert">
        <h1>{tr(STRINGS.printFailedTitle, lang)}</h1>
        <p>{tr(STRINGS.printFailedBody, lang)}</p>
        {reason && <p className="small">{tr(STRINGS.printerReason, lang)(loc(reason, lang))}</p>}
      </div>
      <div className="tickets">
        {tickets.map((t) => (
          <div key={t.ticket.id} className="ticket-with-qr">
            <TicketFacts t={t} lang={lang} big />
            <figure>
              <QrImage
                text={t.print.trackingUrl}
                label={`${tr(STRINGS.scanToTrack, lang)} ${t.print.number}`}
              />
              <figcaption>{tr(STRINGS.scanToTrack, lang)}</figcaption>
            </figure>
          </div>
        ))}
      </div>
      <div className="row actions">
        <Button variant="secondary" onClick={props.onFinish}>
          {tr(STRINGS.finish, lang)}
        </Button>
        <Button onClick={props.onRetry} wide testId="print-again">
          {tr(STRINGS.printAgain, lang)}
        </Button>
      </div>
    </main>
  );
}

export function BusyScreen(props: { text: string }) {
  return (
    <main className="screen screen-busy" data-screen="busy" aria-busy="true">
      <div className="spinner" aria-hidden="true" />
      <p className="lead" role="status">
        {props.text}
      </p>
    </main>
  );
}

export function PairingScreen(
  props: L & {
    value: string;
    error: string | null;
    busy: boolean;
    onKey: (k: string) => void;
    onSubmit: () => void;
  },
) {
  const { lang } = props;
  return (
    <main className="screen screen-entry" data-screen="pairing">
      <h1>{tr(STRINGS.pairTitle, lang)}</h1>
      <p className="hint">{tr(STRINGS.pairHint, lang)}</p>
      <CodeDisplay value={props.value} label={tr(STRINGS.pairTitle, lang)} testId="pair-display" />
      {props.error && (
        <p className="note note-refused" role="alert">
          {props.error}
        </p>
      )}
      <Keypad kind="numeric" lang={lang} onKey={props.onKey} />
      <div className="row actions">
        <Button onClick={props.onSubmit} disabled={props.busy || !/^\d{6,8}$/.test(props.value)} wide>
          {props.busy ? tr(STRINGS.pairing, lang) : tr(STRINGS.pairButton, lang)}
        </Button>
      </div>
    </main>
  );
}

export function IdleWarning(props: L & { secondsLeft: number; onMore: () => void; onStartOver: () => void }) {
  const { lang } = props;
  return (
    <div
      className="overlay"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="idle-title"
      aria-describedby="idle-desc"
    >
      <div className="dialog">
        <h2 id="idle-title">{tr(STRINGS.stillThere, lang)}</h2>
        <p id="idle-desc" className="countdown" data-testid="idle-countdown">
          {tr(STRINGS.returningIn, lang)(props.secondsLeft)}
        </p>
        <div className="row actions">
          <Button variant="secondary" onClick={props.onStartOver}>
            {tr(STRINGS.startOver, lang)}
          </Button>
          <Button onClick={props.onMore} wide>
            {tr(STRINGS.moreTime, lang)}
          </Button>
        </div>
      </div>
    </div>
  );
}
