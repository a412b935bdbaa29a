/*
| Bouncer abilities. Every rule in this app belongs to a resource, so rules live in
| policies (app/policies); this module stays for Bouncer's constructor.
*/
export {}
