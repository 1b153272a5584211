// The details webview: announces `ready`, renders each snapshot the host posts, and turns button
// clicks into protocol requests whose results it shows briefly.
import { isHostMessage, type HostToWebview } from '../shared/protocol';
import { element } from './dom';
import { renderDetails, renderWaiting, type DetailsActions } from './render';
import { PendingRequests } from './requests';
import { registerToolkit } from './toolkit';
import { connectToHost } from './vscodeApi';

const SUCCESS_MS = 2500;
const ERROR_MS = 8000;

registerToolkit();
const host = connectToHost();
const app = document.getElementById('app') ?? document.body;
const content = element('div', 'content');
const feedback = element('p', 'feedback');
feedback.setAttribute('role', 'status');
content.append(renderWaiting());
app.replaceChildren(content, feedback);

const requests = new PendingRequests();
let feedbackTimer: ReturnType<typeof setTimeout> | undefined;

function requestId(): number {
  return requests.open();
}

const actions: DetailsActions = {
  openUrl: (which) => host.postMessage({ type: 'openUrl', requestId: requestId(), which }),
  openDomain: (domain) => host.postMessage({ type: 'openDomain', requestId: requestId(), domain }),
  copy: (what) => host.postMessage({ type: 'copy', requestId: requestId(), what }),
  inspect: (action) => host.postMessage({ type: 'inspect', requestId: requestId(), action }),
  openJson: () => host.postMessage({ type: 'openJson', requestId: requestId() }),
  stop: () => host.postMessage({ type: 'stop', requestId: requestId() }),
};

function showFeedback(text: string, isError: boolean): void {
  clearTimeout(feedbackTimer);
  feedback.textContent = text;
  feedback.classList.toggle('error', isError);
  feedbackTimer = setTimeout(() => {
    feedback.textContent = '';
  }, isError ? ERROR_MS : SUCCESS_MS);
}

/** A live update rebuilds the view; the button that had focus gets it back, so keyboard users keep their place. */
function replaceContent(next: HTMLElement): void {
  const focused = document.activeElement;
  const label = focused && content.contains(focused) ? focused.getAttribute('aria-label') : null;
  content.replaceChildren(next);
  if (label === null) return;
  const again = [...content.querySelectorAll<HTMLElement>('[aria-label]')].find((node) => node.getAttribute('aria-label') === label);
  again?.focus({ preventScroll: true });
}

function handle(message: HostToWebview): void {
  if (message.type === 'snapshot') {
    replaceContent(renderDetails(message.session, message.stale, actions));
    return;
  }
  if (!requests.settle(message.requestId)) return;
  if (!message.ok) showFeedback(message.message ?? 'That did not work.', true);
  else if (message.message) showFeedback(message.message, false);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) handle(event.data);
});
host.postMessage({ type: 'ready' });
