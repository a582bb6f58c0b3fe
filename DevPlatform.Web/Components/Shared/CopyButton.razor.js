// Copies text to the clipboard; false (never a rejected promise, so the console stays clean) when the browser refuses.
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
