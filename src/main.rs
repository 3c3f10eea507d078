fn main() {
    std::process::exit(atlas::cmd::run());
}
