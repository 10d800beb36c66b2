import { useEffect, useState } from 'preact/hooks'

/** Seconds since `startedAt`, ticking while it is set. */
export function useElapsed(startedAt: number | undefined): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (startedAt === undefined) return
    setNow(Date.now())
    const timer = setInterval(() => {
      setNow(Date.now())
    }, 250)
    return () => {
      clearInterval(timer)
    }
  }, [startedAt])
  return startedAt === undefined ? 0 : Math.max(0, (now - startedAt) / 1000)
}
