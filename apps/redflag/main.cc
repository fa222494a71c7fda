// redflag: tells whether a message is a scam, and what to do.
#include <iostream>

#include "common.h"

int main(int argc, char** argv) {
  using namespace redflag::cli;
  CLI::App app{"redflag: is this message a scam? Red flags with evidence, the known scam it matches, "
               "and what to do now."};
  app.set_version_flag("--version", std::string("redflag ") + redflag::Version());
  app.require_subcommand(1);
  int exit_code = kExitOk;
  AddCheckCommand(&app, &exit_code);
  AddVerifyCommand(&app, &exit_code);
  AddScanCommand(&app, &exit_code);
  AddCampaignsCommand(&app, &exit_code);
  AddWorkerCommand(&app, &exit_code);
  AddBenchCommand(&app, &exit_code);
  AddKbCommand(&app, &exit_code);
  AddEvalCommand(&app, &exit_code);
  AddTrainCommand(&app, &exit_code);
  AddServeCommand(&app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
