// Sends the file picked in a FileUpload's input straight to a streaming upload route as the raw body of an HTTP PUT.
// Why not over the circuit: Blazor's JS-to-.NET stream pulls a file in small chunks over SignalR (about 8 MB/s here);
// a plain request streams at disk speed, is authenticated by the same session cookie, and never holds the file whole on
// either side. XMLHttpRequest rather than fetch: only it reports upload progress.

// How often progress is reported to .NET at most: redrawing for every network chunk would cost more than the upload.
const progressEveryMilliseconds = 100;

// The upload in flight per control, so that cancel() can abort it.
const inFlight = new WeakMap();

// Resolves (never rejects, so the console stays clean) with { status, body }: status 0 when the request never got an
// answer (network gone, or aborted: then aborted is true), else the HTTP status and the response text.
export function send(root, url, dotnet) {
  const file = root.querySelector('input[type=file]')?.files?.[0];
  if (!file) return Promise.resolve({ status: 0, body: '', aborted: false, missing: true });
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    inFlight.set(root, request);
    let lastReport = 0;
    request.upload.onprogress = e => {
      const now = performance.now();
      if (now - lastReport < progressEveryMilliseconds) return;
      lastReport = now;
      dotnet.invokeMethodAsync('Progress', e.loaded).catch(() => request.abort());
    };
    const finish = aborted => () => {
      inFlight.delete(root);
      resolve({ status: aborted ? 0 : request.status, body: request.responseText ?? '', aborted, missing: false });
    };
    request.onload = finish(false);
    request.onerror = finish(false);
    request.ontimeout = finish(false);
    request.onabort = finish(true);
    request.open('PUT', url);
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.send(file);
  });
}

export function cancel(root) {
  inFlight.get(root)?.abort();
}
