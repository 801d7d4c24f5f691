import { PassThrough, pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { EXPORT_HEADERS, ExportRow } from './attendance-export-rows';

/**
 * CSV in UTF-8 with a byte-order mark (EF BB BF), so that Excel shows the Chinese text correctly;
 * streamed: csv-stringify pulls rows as the response drains. A cell starting with = + - @, tab or
 * CR (a session title such as `=HYPERLINK(…)`) is written with a leading `'` (escape_formulas), so
 * a spreadsheet shows it as text instead of running it.
 */
export function csvExportStream(rows: Readable): Readable {
  const csv = stringify({ bom: true, eof: true, record_delimiter: 'windows', escape_formulas: true });
  csv.write(EXPORT_HEADERS);
  return pipeline(rows, csv, () => undefined);
}

/**
 * XLSX written by exceljs's streaming WorkbookWriter (a string cell stays a string: exceljs writes a
 * formula only for `{formula}` values, so `=HYPERLINK(…)` in a title is text): each row is committed (serialised into the zip
 * stream) as it is added, and the writer waits whenever the response is backed up, so memory stays
 * bounded by a batch rather than the whole export.
 */
export function xlsxExportStream(rows: Readable, sheetName = '考勤'): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_HEADERS.map((header, i) => ({ header, key: String(i), width: [12, 24, 16, 16, 12, 8, 20, 20, 16, 10, 60][i] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void (async () => {
    const iterator: AsyncIterator<ExportRow> = rows[Symbol.asyncIterator]();
    try {
      for (;;) {
        if (out.destroyed) return;
        const next = await iterator.next();
        if (next.done) break;
        sheet.addRow(next.value).commit();
        if (out.writableNeedDrain) await drainedOrClosed(out);
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    } finally {
      await iterator.return?.(undefined);
    }
  })();
  return out;
}

function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
