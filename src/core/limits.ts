/** The longest question a member may send; longer text is refused with this number in the message. */
export const MAX_QUESTION_CHARS = 4000;
/** The longest line a member may send: room for the longest option (a CV of 20,000 characters) and its command. */
export const MAX_LINE_CHARS = 24_000;
