import { BrowserCodeReader, type IScannerControls } from '@zxing/browser';
import { useEffect, type RefObject } from 'react';
import type { MessageKey } from '../../shared/i18n/index.js';

/** The readers the app uses (QR for CCCD/BHYT cards, DataMatrix for vaccine packs) share this interface. */
interface CodeReader {
  decodeFromVideoDevice(deviceId: string | undefined, video: HTMLVideoElement, callback: (result: { getText(): string } | undefined, error: unknown, controls: IScannerControls) => void): Promise<IScannerControls>;
  decodeFromImageUrl(url: string): Promise<{ getText(): string }>;
}

/** Turns the camera off and detaches it from the video element. */
export function stopVideo(video: HTMLVideoElement | null): void {
  if (!video) return;
  (video.srcObject as MediaStream | null)?.getTracks().forEach((track) => track.stop());
  BrowserCodeReader.cleanVideoSource(video);
}

/** What to tell the user when the webcam cannot be opened (getUserMedia's error names). */
export function cameraErrorKey(err: unknown): MessageKey {
  const name = (err as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'scan.cameraDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'scan.noCamera';
  if (name === 'NotReadableError') return 'scan.cameraBusy';
  return 'scan.cameraError';
}

/**
 * Decodes codes from the webcam into `videoRef` while the component is mounted (and again when `attempt` changes).
 * Each decoded text goes to `onText`; decoding stops once it returns true (the code was what the dialog wants), so
 * a wrong code in front of the camera does not end the scan. The camera is released on unmount.
 */
export function useCameraDecoder(options: {
  videoRef: RefObject<HTMLVideoElement | null>;
  makeReader: () => CodeReader;
  onText: (text: string) => boolean;
  onStart: () => void;
  onError: (key: MessageKey) => void;
  attempt: number;
}): void {
  const { videoRef, makeReader, onText, onStart, onError, attempt } = options;
  useEffect(() => {
    let cancelled = false;
    let controls: IScannerControls | null = null;
    const video = videoRef.current;
    if (!navigator.mediaDevices?.getUserMedia || !video) {
      onError('scan.noCamera');
      return;
    }
    onStart();
    makeReader()
      .decodeFromVideoDevice(undefined, video, (result, _err, c) => {
        if (!result || cancelled) return;
        if (onText(result.getText())) c.stop();
      })
      .then((c) => {
        controls = c;
        if (cancelled) c.stop();
      })
      .catch((err: unknown) => {
        if (!cancelled) onError(cameraErrorKey(err));
      });
    return () => {
      cancelled = true;
      controls?.stop();
      stopVideo(video);
    };
    // The callbacks are the dialog's closures over its state setters; only a new attempt restarts the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
}

/** Decodes a code from a photo the user picked; the camera stops first. Resolves null when nothing is readable. */
export async function decodePhoto(reader: CodeReader, file: File, video: HTMLVideoElement | null): Promise<string | null> {
  stopVideo(video);
  const url = URL.createObjectURL(file);
  try {
    return (await reader.decodeFromImageUrl(url)).getText();
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}
