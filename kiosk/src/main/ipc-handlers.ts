import type { z } from 'zod';
import type { PrintResult, TicketPrintData } from '@giliran/shared';
import { ipcSchemas } from '../common/ipc-schemas.ts';
import {
  IPC,
  type InvokeChannel,
  type IpcResponse,
  type IpcResults,
  type PrinterStatusResult,
} from '../common/ipc.ts';

export interface IpcDeps {
  serverOrigin: string;
  printTickets: (tickets: TicketPrintData[]) => Promise<PrintResult>;
  printerStatus: () => Promise<PrinterStatusResult>;
  getToken: () => string | null;
  setToken: (token: string | null) => void;
  log?: (line: string) => void;
}

/** One validated handler: gets the sender frame's URL and the raw argument. */
export type IpcHandler = (senderUrl: string, arg: unknown) => Promise<IpcResponse<unknown>>;

function refuse(code: string, message: string): IpcResponse<never> {
  return { ok: false, error: { code, message } };
}

/**
 * IPC handlers for every invoke channel. Each checks that the call comes from the kiosk page on the
 * server origin (not an injected frame) and validates its argument with zod before doing anything
 * (Mattermost desktop `ipcValidate`). Answers are data, never exceptions across the bridge.
 */
export function createIpcHandlers(deps: IpcDeps): Record<InvokeChannel, IpcHandler> {
  const log = deps.log ?? (() => {});
  const guard =
    <C extends InvokeChannel>(
      channel: C,
      run: (arg: z.output<(typeof ipcSchemas)[C]>) => Promise<IpcResults[C]> | IpcResults[C],
    ): IpcHandler =>
    async (senderUrl, arg) => {
      let origin: string | null = null;
      try {
        origin = new URL(senderUrl).origin;
      } catch {
        origin = null;
      }
      if (origin !== deps.serverOrigin) {
        log(`kiosk: refused ${channel} from ${senderUrl}`);
        return refuse('forbidden', 'IPC from an unexpected origin');
      }
      const parsed = ipcSchemas[channel].safeParse(arg);
      if (!parsed.success) {
        log(`kiosk: invalid ${channel} payload: ${parsed.error.issues[0]?.message ?? ''}`);
        return refuse('invalid_payload', parsed.error.issues.map((i) => i.message).join('; '));
      }
      try {
        const data = await run(parsed.data as z.output<(typeof ipcSchemas)[C]>);
        return { ok: true, data };
      } catch (e) {
        log(`kiosk: ${channel} failed: ${(e as Error).message}`);
        return refuse('internal', (e as Error).message);
      }
    };

  return {
    [IPC.printTickets]: guard(IPC.printTickets, (arg) => deps.printTickets(arg.tickets)),
    [IPC.printerStatus]: guard(IPC.printerStatus, () => deps.printerStatus()),
    [IPC.getToken]: guard(IPC.getToken, () => deps.getToken()),
    [IPC.setToken]: guard(IPC.setToken, (arg) => {
      deps.setToken(arg.token);
      return null;
    }),
  };
}
