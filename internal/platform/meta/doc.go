// Package meta describes CRM entities and their fields once, for every generic consumer: the
// /api/v1/meta endpoint, metadata-driven lists and forms, filters, exports, audit redaction and search.
// Declarations live as annotations on the ent schema; Registry reads them from the schema descriptors
// at start-up, so there is no second list to keep in step.
package meta
