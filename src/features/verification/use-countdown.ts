import { onBeforeUnmount, ref } from 'vue'

/** A seconds countdown for the "resend code" button. */
export function useCountdown() {
  const remaining = ref(0)
  let timer: ReturnType<typeof setInterval> | undefined

  function start(seconds: number) {
    clearInterval(timer)
    remaining.value = seconds
    if (seconds <= 0) return
    timer = setInterval(() => {
      remaining.value -= 1
      if (remaining.value <= 0) clearInterval(timer)
    }, 1000)
  }

  onBeforeUnmount(() => clearInterval(timer))
  return { remaining, start }
}
