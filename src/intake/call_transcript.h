// Call transcripts: what was said on a phone call, written down one turn a line
// with the speaker's label in front.
//
//   Caller: Good morning, this is the WhatsApp security team.
//   Me: What is this about?
//   [00:42] Caller: You will receive a six-digit code. Read it to me.
//
// A label is a short name (at most 4 words, 40 bytes) followed by ":"; an
// optional time ("00:42", "[00:01:23]") may stand before it. A line without a
// label continues the turn before it. "Me", "I", "Moi", "Io", "Yo", "Eu",
// "Ich" and "میں" mark the reader. Channel: call.
#ifndef REDFLAG_INTAKE_CALL_TRANSCRIPT_H_
#define REDFLAG_INTAKE_CALL_TRANSCRIPT_H_

#include <string>
#include <string_view>

#include "conversation/conversation.h"
#include "redflag/status.h"

namespace redflag {

// Errors: invalid UTF-8 (naming the line), no speaker labels at all.
// Text before the first label is left out with a note; limits as for chats.
StatusOr<Conversation> ParseCallTranscript(std::string_view data, const ConversationLimits& limits = {},
                                           const std::string& name = "transcript");

// How many of the first `max_lines` non-blank lines carry a speaker label, and
// how many distinct labels there are: used to recognise a transcript.
struct TranscriptShape {
  int lines = 0, labelled = 0, speakers = 0;
};
TranscriptShape MeasureTranscript(std::string_view data, int max_lines = 40);

}  // namespace redflag

#endif  // REDFLAG_INTAKE_CALL_TRANSCRIPT_H_
