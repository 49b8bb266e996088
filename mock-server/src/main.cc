// mock-server entry point (the serving pipeline lands with the mock-server issue).
#include <CLI/CLI.hpp>
#include <iostream>

int main(int argc, char** argv) {
  CLI::App app{"statuskit mock-server: five vendors' user-status APIs, stateful"};
  CLI11_PARSE(app, argc, argv);
  std::cout << "mock-server: not yet serving\n";
  return 0;
}
