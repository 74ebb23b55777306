import { defineMessages } from "@dynamo/ui";

/** The node's own messages beyond the kernel's (none yet: the home page's are the kernel's). */
export const nodeMessages = defineMessages({ en: {}, fr: {}, es: {}, pt: {} });
