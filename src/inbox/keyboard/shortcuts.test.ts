import { describe, expect, it } from 'vitest';
import {
  isEditable,
  resolveShortcut,
  sequenceTimeoutMs,
  type KeyPress,
  type Pending,
} from './shortcuts.ts';

const views = ['i', 'm', 'u', 'r', 's'];
const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  editable: false,
  activatable: false,
  ...extra,
});
const resolve = (p: KeyPress, pending: Pending | null = null, now = 10_000) =>
  resolveShortcut(p, pending, now, views);

describe('resolveShortcut', () => {
  it('moves with j/k and the arrows, and extends with Shift', () => {
    expect(resolve(press('j')).command).toEqual({ type: 'move', by: 1, extend: false });
    expect(resolve(press('ArrowUp')).command).toEqual({ type: 'move', by: -1, extend: false });
    expect(resolve(press('J', { shiftKey: true })).command).toEqual({
      type: 'move',
      by: 1,
      extend: true,
    });
    expect(resolve(press('K', { shiftKey: true })).command).toEqual({
      type: 'move',
      by: -1,
      extend: true,
    });
  });

  it('maps the triage keys', () => {
    expect(resolve(press('o')).command).toEqual({ type: 'open' });
    expect(resolve(press('Enter')).command).toEqual({ type: 'open' });
    expect(resolve(press('Escape')).command).toEqual({ type: 'close' });
    expect(resolve(press('x')).command).toEqual({ type: 'toggle-select' });
    expect(resolve(press('s')).command).toEqual({ type: 'star' });
    expect(resolve(press('U', { shiftKey: true })).command).toEqual({ type: 'mark', read: false });
    expect(resolve(press('I', { shiftKey: true })).command).toEqual({ type: 'mark', read: true });
    expect(resolve(press('/')).command).toEqual({ type: 'focus-search' });
    expect(resolve(press('?', { shiftKey: true })).command).toEqual({ type: 'help' });
    expect(resolve(press('a')).command).toEqual({ type: 'assign' });
    expect(resolve(press('e')).command).toEqual({ type: 'lifecycle' });
    expect(resolve(press('r')).command).toEqual({ type: 'reply' });
  });

  it('needs Shift for mark read / unread, and leaves shifted single keys alone', () => {
    expect(resolve(press('u')).command).toBeNull();
    expect(resolve(press('i')).command).toBeNull();
    expect(resolve(press('S', { shiftKey: true })).command).toBeNull();
    expect(resolve(press('X', { shiftKey: true })).command).toBeNull();
    expect(resolve(press('A', { shiftKey: true })).command).toBeNull();
    expect(resolve(press('E', { shiftKey: true })).command).toBeNull();
    expect(resolve(press('R', { shiftKey: true })).command).toBeNull();
  });

  it('never fires while typing or with Ctrl, Meta or Alt', () => {
    for (const key of ['j', 'k', 'x', 's', 'a', 'e', 'r', '/', '?', 'g', 'Enter', 'Escape']) {
      expect(resolve(press(key, { editable: true }))).toEqual({ command: null, pending: null });
      expect(resolve(press(key, { ctrlKey: true })).command).toBeNull();
      expect(resolve(press(key, { metaKey: true })).command).toBeNull();
      expect(resolve(press(key, { altKey: true })).command).toBeNull();
    }
  });

  it('leaves Enter to a focused link or button', () => {
    expect(resolve(press('Enter', { activatable: true })).command).toBeNull();
    expect(resolve(press('o', { activatable: true })).command).toEqual({ type: 'open' });
  });

  it('jumps to a view with g then its letter, within the timeout', () => {
    const g = resolve(press('g'), null, 1000);
    expect(g).toEqual({ command: null, pending: { since: 1000 } });
    expect(resolve(press('m'), g.pending, 1500).command).toEqual({
      type: 'go-view',
      shortcut: 'm',
    });
    // g then s is the Starred view, not "star"; g then r the Unread view, not "reply".
    expect(resolve(press('s'), g.pending, 1500).command).toEqual({
      type: 'go-view',
      shortcut: 's',
    });
    expect(resolve(press('r'), g.pending, 1500).command).toEqual({
      type: 'go-view',
      shortcut: 'r',
    });
  });

  it('drops the sequence on an unknown letter, and after the timeout keys act alone', () => {
    const pending = { since: 1000 };
    expect(resolve(press('z'), pending, 1100)).toEqual({ command: null, pending: null });
    expect(resolve(press('j'), pending, 1100).command).toBeNull();
    expect(resolve(press('s'), pending, 1000 + sequenceTimeoutMs + 1).command).toEqual({
      type: 'star',
    });
    // A view the API does not show (not in the list) does nothing.
    expect(resolveShortcut(press('u'), pending, 1100, ['i', 'm']).command).toBeNull();
  });
});

describe('isEditable', () => {
  it('counts text fields, selects, textareas and contenteditable as typing', () => {
    expect(isEditable({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isEditable({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isEditable({ tagName: 'INPUT' })).toBe(true);
    expect(isEditable({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditable({ tagName: 'SELECT' })).toBe(true);
    expect(isEditable({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('does not count checkboxes, buttons or rows', () => {
    expect(isEditable({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditable({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditable({ tagName: 'DIV' })).toBe(false);
  });
});
