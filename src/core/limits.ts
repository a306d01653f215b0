/** The longest question a member may send; longer text is refused with this number in the message. */
export const MAX_QUESTION_CHARS = 4000;
