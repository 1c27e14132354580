"""skm-cloud's shared code, in folders by job (README, "Architecture"):

rules/     the survey's rules, pure (standard library and pydantic only)
text/      what people read: the message catalogue and the one writer of numbers and dates
files/     the files people upload, read as they save them
usecases/  one module per thing a person or a schedule does, called by the browser and the CLI
reports/   what is printed or published, as data
adapters/  the only modules that talk to cloud services
and plumbing, one of each: config, bootstrap, web, signing, log, templates, outage.
"""
