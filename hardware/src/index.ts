// Public API of @giliran/hardware: ticket layout and ESC/POS encoding, printer transports and
// status, the virtual printer, and scanners. The keyboard-wedge detector is also exported on its
// own as `@giliran/hardware/wedge` for the browser renderer.
export { layoutTicket, COLUMNS } from './ticket/layout.ts';
export type { Align, LayoutBlock, LayoutOptions, TextSize, TicketLayout } from './ticket/layout.ts';
export { encodeTicket, encodeLayout } from './ticket/encode.ts';
export type { EncodeOptions } from './ticket/encode.ts';
export { LABELS, REPRINT_MARK } from './ticket/labels.ts';
export { toPrintable, DEFAULT_CODEPAGE, ESC_T_NUMBERS } from './text/codepages.ts';
export type { PrintCodepage } from './text/codepages.ts';
export { wrapText } from './text/wrap.ts';

export { parseStatusBytes, encodeStatusBytes, faultOf, isStatusByte, DLE_EOT } from './escpos/status.ts';
export type { StatusBytes } from './escpos/status.ts';
export { printTicket, queryPrinterStatus, DEFAULT_PRINT_OPTIONS } from './print.ts';
export type { PrintOptions, StatusOptions, StatusResult } from './print.ts';
export { openPrinter } from './transport/open.ts';
export { parsePrinterUri, formatPrinterUri, DEFAULT_TCP_PORT, DEFAULT_BAUD } from '@giliran/shared';
export type { PrinterUri } from '@giliran/shared';
export type { PrinterTransport, OpenOptions } from './transport/types.ts';

export { createVirtualPrinter } from './virtual-printer/server.ts';
export type {
  VirtualPrinter,
  VirtualPrinterFaults,
  VirtualPrinterOptions,
  VirtualPrinterStats,
} from './virtual-printer/server.ts';
export { EscPosDecoder, receiptToText } from './virtual-printer/decoder.ts';
export type { Receipt, ReceiptLine, DecoderEvent } from './virtual-printer/decoder.ts';

export { parseHidPosReport, stripAimPrefix, HidPosAssembler, HID_POS_USAGE_PAGE } from './scanner/hid-pos.ts';
export type { HidPosChunk, HidScan } from './scanner/hid-pos.ts';
export { openHidScanner } from './scanner/hid-reader.ts';
export type { HidScannerOptions, HidScannerHandle } from './scanner/hid-reader.ts';
export { listDevices, SCANNER_VENDOR_IDS } from './devices.ts';
export type { DeviceList, ScannerDevice, PrinterDevice } from './devices.ts';
export { KeyboardWedgeDetector } from './wedge/keyboard-wedge.ts';
export type { WedgeKey, WedgeResult, WedgeOptions } from './wedge/keyboard-wedge.ts';

export { HardwareUnavailableError, PrinterUriError, PrinterIoError } from './errors.ts';
