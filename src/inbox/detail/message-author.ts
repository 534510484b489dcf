import type { Agent, Message } from '../../api/model.ts';

/**
 * Who wrote a message, by name: the agent from the directory (the signed-in one is "You"),
 * the name the API gives, or the customer the conversation is with. An outbound message
 * nobody sent by hand (HighLevel's workflows and campaigns carry no userId) is the
 * automation's.
 */
export function authorOf(
  message: Message,
  contactName: string,
  agents: readonly Agent[] | null,
  meId: string | null,
): string {
  if (message.direction === 'inbound') return message.author ?? contactName;
  if (message.authorId !== null) {
    if (message.authorId === meId) return 'You';
    const agent = agents?.find((a) => a.id === message.authorId);
    if (agent) return agent.name;
  }
  return message.author ?? (message.authorId === null ? 'Automation' : 'An agent');
}
