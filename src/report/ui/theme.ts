// Light, dark, or the system's scheme; the choice is remembered while the page stays open.
import { h } from './dom.js';

const MODES = ['auto', 'light', 'dark'] as const;

export function themeToggle(): HTMLButtonElement {
  let mode = 0;
  const button = h('button', { type: 'button', class: 'theme', 'aria-live': 'polite' });
  const apply = (): void => {
    const name = MODES[mode]!;
    if (name === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = name;
    button.textContent = `Colours: ${name === 'auto' ? 'system' : name}`;
  };
  button.addEventListener('click', () => {
    mode = (mode + 1) % MODES.length;
    apply();
  });
  apply();
  return button;
}
