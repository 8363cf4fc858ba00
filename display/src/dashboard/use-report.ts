import { useEffect, useState } from 'react';
import { getJson } from '@giliran/client';
import { downloadWithToken } from './api.ts';

/**
 * A report page's data: loads `path` (null while the chosen date is not a valid one) again whenever
 * it or `refresh` changes, ignoring answers for a choice already left, and downloads its CSV. One
 * error slot for both, cleared by the next success.
 */
export function useReport<T>(path: string | null, token: string, refresh = 0) {
  const [report, setReport] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    if (path === null) return;
    let current = true;
    setReport(null);
    getJson<T>(path, token).then(
      (r) => {
        if (!current) return;
        setReport(r);
        setError(null);
      },
      (err: unknown) => {
        if (current) setError(err);
      },
    );
    return () => {
      current = false;
    };
  }, [path, token, refresh]);

  const download = async (csvPath: string, fileName: string) => {
    setDownloading(true);
    try {
      await downloadWithToken(csvPath, token, fileName);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setDownloading(false);
    }
  };

  return { report, error, downloading, download };
}
