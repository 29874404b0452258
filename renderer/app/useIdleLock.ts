import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../api/client.js';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks the session after `minutes` without keyboard or mouse activity (the server also locks idle sessions). */
export function useIdleLock(minutes: number) {
  const queryClient = useQueryClient();
  const lastActivity = useRef(Date.now());
  useEffect(() => {
    const mark = () => {
      lastActivity.current = Date.now();
    };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, mark, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= minutes * 60_000) {
        window.clearInterval(timer);
        void api
          .call('auth.lock', {})
          .catch(() => undefined)
          .finally(() => queryClient.invalidateQueries({ queryKey: ['auth.session'] }));
      }
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, mark));
    };
  }, [minutes, queryClient]);
}
