import type { TestApp } from './test-app.js';

/** A modal as the app opened it (views.open), with what a person would see pre-filled. */
export interface OpenedModal {
  id: string;
  view: {
    callback_id: string;
    private_metadata: string;
    blocks: Array<{
      type: string;
      block_id?: string;
      text?: { text: string };
      elements?: Array<{ text?: string }>;
      element?: {
        initial_option?: { value: string };
        initial_value?: string;
        initial_date?: string;
        initial_time?: string;
        options?: Array<{ value: string; text: { text: string } }>;
      };
    }>;
  };
}

/** Waits for the next modal opened after `before` views. */
export async function nextModal(t: TestApp, before: number): Promise<OpenedModal> {
  const opened = await t.slack.waitFor(() => t.slack.views[before]);
  return { id: opened.id, view: opened.view as OpenedModal['view'] };
}

/** The pre-filled value of an input block. */
export function initial(modal: OpenedModal, blockId: string): string | undefined {
  const el = modal.view.blocks.find((b) => b.block_id === blockId)?.element;
  return el?.initial_option?.value ?? el?.initial_value ?? el?.initial_date ?? el?.initial_time;
}
