// Generated from the model by scripts/generate-schemas.ts (npm run schemas); do not edit by hand.
// ajv standalone validators for model/zone-file-schema.ts and model/platform-config-schema.ts.
// @ts-nocheck
/* eslint-disable */

export const validateZoneFile = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://entigo.example/zone-access/zone-file.schema.json","title":"Zone Access zone file","description":"One zone: zones/<department>/<zone>.yaml","type":"object","additionalProperties":false,"required":["zone","department","accounts","access"],"properties":{"zone":{"type":"string","pattern":"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$","minLength":1,"maxLength":27,"description":"The zone name, equal to the file name, and the zone tag value: lower-case letters, digits and inner hyphens, at most 27 characters, e.g. logistics-staging-1."},"department":{"type":"string","pattern":"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$","minLength":1,"maxLength":40,"description":"The owning department; must equal the folder the file is in (zones/<department>/), e.g. logistics."},"description":{"type":"string","pattern":"^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$","minLength":1,"maxLength":700,"description":"Shown on the group and the permission set: 1 to 700 characters of printable ASCII or Latin-1, tab and line breaks, e.g. \"Payments team, production databases\"."},"accounts":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^([0-9]{12}|(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?)$","description":"A 12-digit account id in quotes, e.g. \"123456789012\", or an account name from the platform config, e.g. shared-prod."},"description":"The AWS accounts the zone group is assigned to."},"access":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$","description":"An access preset name: lower-case letters, digits and inner hyphens, e.g. rds-operator."},"description":"Access presets: built-in ones (zone-access docs/zone-file.md, Access presets) or the platform config's access.presets."},"sessionDuration":{"type":"string","pattern":"^PT(?=\\d)(\\d+H)?(\\d+M)?$","description":"ISO 8601 duration from PT1H to PT12H, e.g. PT4H or PT1H30M."},"owners":{"type":"array","maxItems":99,"items":{"type":"string","pattern":"^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$","description":"An Entra UPN (user@domain) or user object id (a GUID), e.g. alice@example.com."},"description":"Owners of the Entra group (at most 99; the pipeline identity is always added as an owner)."},"members":{"type":"array","items":{"type":["string","object"],"description":"A zone member: an Entra UPN (user@domain) or user object id (a GUID), e.g. bob@example.com, or { user, until, reason }.","pattern":"^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$","additionalProperties":false,"required":["user"],"properties":{"user":{"type":"string","pattern":"^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$","description":"An Entra UPN (user@domain) or user object id (a GUID), e.g. bob@example.com."},"until":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","description":"Last day of access, YYYY-MM-DD (access ends at the end of that day, UTC)."},"reason":{"type":"string","minLength":1,"maxLength":200,"pattern":"^[^\\u0000-\\u001F\\u007F]*$","description":"Why the person needs access; shown in the access report (one line, at most 200 characters)."}}},"description":"Members of the zone's Entra group, in departments whose membership mode is `file`; a bare string is a member with no expiry."},"relayState":{"type":"string","pattern":"^[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+$","minLength":1,"maxLength":240,"description":"Console URL users land on after sign-in: at most 240 characters, e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1."},"tags":{"type":"object","propertyNames":{"pattern":"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$","description":"A tag key: 1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with aws:, e.g. cost-center."},"additionalProperties":{"type":"string","pattern":"^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$","description":"A tag value: 0 to 256 letters, digits, spaces and _ . : / = + - @, e.g. payments-4411."},"description":"Extra tags on the permission set (the zone tag is added automatically)."},"managedPolicies":{"type":"array","items":{"type":"string","pattern":"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$","description":"An AWS-managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess."},"description":"AWS-managed policy ARNs allow-listed in the platform config."},"customerManagedPolicies":{"type":"array","items":{"description":"A customer-managed IAM policy present in each target account: a name, or `{ name, path }`.","anyOf":[{"type":"string","pattern":"^[\\w+=,.@-]{1,128}$","description":"A customer-managed policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin."},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[\\w+=,.@-]{1,128}$","description":"A customer-managed policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin."},"path":{"type":"string","pattern":"^/([\\x21-\\x7E]{0,510}/)?$","description":"An IAM path: starts and ends with /, `/` by default, e.g. /zone-access/."}}}]},"description":"Customer-managed policies allow-listed in the platform config."},"permissionsBoundary":{"description":"The permissions boundary allow-listed in the platform config: an AWS-managed policy ARN or a customer-managed policy.","anyOf":[{"type":"string","pattern":"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$","description":"An AWS-managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess."},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[\\w+=,.@-]{1,128}$","description":"A customer-managed policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin."},"path":{"type":"string","pattern":"^/([\\x21-\\x7E]{0,510}/)?$","description":"An IAM path: starts and ends with /, `/` by default, e.g. /zone-access/."}}}]}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", "u");
const pattern2 = new RegExp("^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$", "u");
const pattern3 = new RegExp("^([0-9]{12}|(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?)$", "u");
const pattern5 = new RegExp("^PT(?=\\d)(\\d+H)?(\\d+M)?$", "u");
const pattern6 = new RegExp("^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", "u");
const pattern7 = new RegExp("^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", "u");
const pattern9 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "u");
const pattern10 = new RegExp("^[^\\u0000-\\u001F\\u007F]*$", "u");
const pattern11 = new RegExp("^[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+$", "u");
const pattern12 = new RegExp("^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$", "u");
const pattern13 = new RegExp("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$", "u");
const pattern14 = new RegExp("^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$", "u");
const pattern15 = new RegExp("^[\\w+=,.@-]{1,128}$", "u");
const pattern17 = new RegExp("^/([\\x21-\\x7E]{0,510}/)?$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://entigo.example/zone-access/zone-file.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.zone === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "zone"},message:"must have required property '"+"zone"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.department === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "department"},message:"must have required property '"+"department"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.accounts === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "accounts"},message:"must have required property '"+"accounts"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.access === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "access"},message:"must have required property '"+"access"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.zone !== undefined){
let data0 = data.zone;
if(typeof data0 === "string"){
if(func3(data0) > 27){
const err5 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/maxLength",keyword:"maxLength",params:{limit: 27},message:"must NOT have more than 27 characters"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func3(data0) < 1){
const err6 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern0.test(data0)){
const err7 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.department !== undefined){
let data1 = data.department;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err9 = {instancePath:instancePath+"/department",schemaPath:"#/properties/department/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(func3(data1) < 1){
const err10 = {instancePath:instancePath+"/department",schemaPath:"#/properties/department/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!pattern0.test(data1)){
const err11 = {instancePath:instancePath+"/department",schemaPath:"#/properties/department/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/department",schemaPath:"#/properties/department/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 === "string"){
if(func3(data2) > 700){
const err13 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 700},message:"must NOT have more than 700 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(func3(data2) < 1){
const err14 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!pattern2.test(data2)){
const err15 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/pattern",keyword:"pattern",params:{pattern: "^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$"},message:"must match pattern \""+"^[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.accounts !== undefined){
let data3 = data.accounts;
if(Array.isArray(data3)){
if(data3.length < 1){
const err17 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(!pattern3.test(data4)){
const err18 = {instancePath:instancePath+"/accounts/" + i0,schemaPath:"#/properties/accounts/items/pattern",keyword:"pattern",params:{pattern: "^([0-9]{12}|(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?)$"},message:"must match pattern \""+"^([0-9]{12}|(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?)$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/accounts/" + i0,schemaPath:"#/properties/accounts/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.access !== undefined){
let data5 = data.access;
if(Array.isArray(data5)){
if(data5.length < 1){
const err21 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
let data6 = data5[i1];
if(typeof data6 === "string"){
if(!pattern0.test(data6)){
const err22 = {instancePath:instancePath+"/access/" + i1,schemaPath:"#/properties/access/items/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"+"\""};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/access/" + i1,schemaPath:"#/properties/access/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.sessionDuration !== undefined){
let data7 = data.sessionDuration;
if(typeof data7 === "string"){
if(!pattern5.test(data7)){
const err25 = {instancePath:instancePath+"/sessionDuration",schemaPath:"#/properties/sessionDuration/pattern",keyword:"pattern",params:{pattern: "^PT(?=\\d)(\\d+H)?(\\d+M)?$"},message:"must match pattern \""+"^PT(?=\\d)(\\d+H)?(\\d+M)?$"+"\""};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/sessionDuration",schemaPath:"#/properties/sessionDuration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.owners !== undefined){
let data8 = data.owners;
if(Array.isArray(data8)){
if(data8.length > 99){
const err27 = {instancePath:instancePath+"/owners",schemaPath:"#/properties/owners/maxItems",keyword:"maxItems",params:{limit: 99},message:"must NOT have more than 99 items"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len2 = data8.length;
for(let i2=0; i2<len2; i2++){
let data9 = data8[i2];
if(typeof data9 === "string"){
if(!pattern6.test(data9)){
const err28 = {instancePath:instancePath+"/owners/" + i2,schemaPath:"#/properties/owners/items/pattern",keyword:"pattern",params:{pattern: "^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"},message:"must match pattern \""+"^([^@\\s]+@[^@\\s]+\\.[^@\\s]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"+"\""};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/owners/" + i2,schemaPath:"#/properties/owners/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/owners",schemaPath:"#/properties/owners/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.members !== undefined){
let data10 = data.members;
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
let data11 = data10[i3];
if((typeof data11 !== "string") && (!(data11 && typeof data11 == "object" && !Array.isArray(data11)))){
const err31 = {instancePath:instancePath+"/members/" + i3,schemaPath:"#/properties/members/items/type",keyword:"type",params:{type: schema11.properties.members.items.type},message:"must be string,object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(typeof data11 === "string"){
if(!pattern7.test(data11)){
const err32 = {instancePath:instancePath+"/members/" + i3,schemaPath:"#/properties/members/items/pattern",keyword:"pattern",params:{pattern: "^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"},message:"must match pattern \""+"^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"+"\""};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.user === undefined){
const err33 = {instancePath:instancePath+"/members/" + i3,schemaPath:"#/properties/members/items/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
for(const key1 in data11){
if(!(((key1 === "user") || (key1 === "until")) || (key1 === "reason"))){
const err34 = {instancePath:instancePath+"/members/" + i3,schemaPath:"#/properties/members/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data11.user !== undefined){
let data12 = data11.user;
if(typeof data12 === "string"){
if(!pattern7.test(data12)){
const err35 = {instancePath:instancePath+"/members/" + i3+"/user",schemaPath:"#/properties/members/items/properties/user/pattern",keyword:"pattern",params:{pattern: "^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"},message:"must match pattern \""+"^([A-Za-z0-9'._!#^~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"+"\""};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/members/" + i3+"/user",schemaPath:"#/properties/members/items/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data11.until !== undefined){
let data13 = data11.until;
if(typeof data13 === "string"){
if(!pattern9.test(data13)){
const err37 = {instancePath:instancePath+"/members/" + i3+"/until",schemaPath:"#/properties/members/items/properties/until/pattern",keyword:"pattern",params:{pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},message:"must match pattern \""+"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"+"\""};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/members/" + i3+"/until",schemaPath:"#/properties/members/items/properties/until/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data11.reason !== undefined){
let data14 = data11.reason;
if(typeof data14 === "string"){
if(func3(data14) > 200){
const err39 = {instancePath:instancePath+"/members/" + i3+"/reason",schemaPath:"#/properties/members/items/properties/reason/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(func3(data14) < 1){
const err40 = {instancePath:instancePath+"/members/" + i3+"/reason",schemaPath:"#/properties/members/items/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(!pattern10.test(data14)){
const err41 = {instancePath:instancePath+"/members/" + i3+"/reason",schemaPath:"#/properties/members/items/properties/reason/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001F\\u007F]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001F\\u007F]*$"+"\""};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/members/" + i3+"/reason",schemaPath:"#/properties/members/items/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/members",schemaPath:"#/properties/members/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.relayState !== undefined){
let data15 = data.relayState;
if(typeof data15 === "string"){
if(func3(data15) > 240){
const err44 = {instancePath:instancePath+"/relayState",schemaPath:"#/properties/relayState/maxLength",keyword:"maxLength",params:{limit: 240},message:"must NOT have more than 240 characters"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(func3(data15) < 1){
const err45 = {instancePath:instancePath+"/relayState",schemaPath:"#/properties/relayState/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!pattern11.test(data15)){
const err46 = {instancePath:instancePath+"/relayState",schemaPath:"#/properties/relayState/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+$"},message:"must match pattern \""+"^[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+$"+"\""};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
else {
const err47 = {instancePath:instancePath+"/relayState",schemaPath:"#/properties/relayState/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.tags !== undefined){
let data16 = data.tags;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key2 in data16){
const _errs37 = errors;
if(typeof key2 === "string"){
if(!pattern12.test(key2)){
const err48 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames/pattern",keyword:"pattern",params:{pattern: "^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$"},message:"must match pattern \""+"^(?![aA][wW][sS]:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$"+"\"",propertyName:key2};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
var valid10 = _errs37 === errors;
if(!valid10){
const err49 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
for(const key3 in data16){
let data17 = data16[key3];
if(typeof data17 === "string"){
if(!pattern13.test(data17)){
const err50 = {instancePath:instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"},message:"must match pattern \""+"^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}$"+"\""};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/tags/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.managedPolicies !== undefined){
let data18 = data.managedPolicies;
if(Array.isArray(data18)){
const len4 = data18.length;
for(let i4=0; i4<len4; i4++){
let data19 = data18[i4];
if(typeof data19 === "string"){
if(!pattern14.test(data19)){
const err53 = {instancePath:instancePath+"/managedPolicies/" + i4,schemaPath:"#/properties/managedPolicies/items/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"+"\""};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/managedPolicies/" + i4,schemaPath:"#/properties/managedPolicies/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/managedPolicies",schemaPath:"#/properties/managedPolicies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.customerManagedPolicies !== undefined){
let data20 = data.customerManagedPolicies;
if(Array.isArray(data20)){
const len5 = data20.length;
for(let i5=0; i5<len5; i5++){
let data21 = data20[i5];
const _errs48 = errors;
let valid16 = false;
const _errs49 = errors;
if(typeof data21 === "string"){
if(!pattern15.test(data21)){
const err56 = {instancePath:instancePath+"/customerManagedPolicies/" + i5,schemaPath:"#/properties/customerManagedPolicies/items/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^[\\w+=,.@-]{1,128}$"},message:"must match pattern \""+"^[\\w+=,.@-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/customerManagedPolicies/" + i5,schemaPath:"#/properties/customerManagedPolicies/items/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
var _valid0 = _errs49 === errors;
valid16 = valid16 || _valid0;
if(!valid16){
const _errs51 = errors;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.name === undefined){
const err58 = {instancePath:instancePath+"/customerManagedPolicies/" + i5,schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key4 in data21){
if(!((key4 === "name") || (key4 === "path"))){
const err59 = {instancePath:instancePath+"/customerManagedPolicies/" + i5,schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data21.name !== undefined){
let data22 = data21.name;
if(typeof data22 === "string"){
if(!pattern15.test(data22)){
const err60 = {instancePath:instancePath+"/customerManagedPolicies/" + i5+"/name",schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/properties/name/pattern",keyword:"pattern",params:{pattern: "^[\\w+=,.@-]{1,128}$"},message:"must match pattern \""+"^[\\w+=,.@-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/customerManagedPolicies/" + i5+"/name",schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data21.path !== undefined){
let data23 = data21.path;
if(typeof data23 === "string"){
if(!pattern17.test(data23)){
const err62 = {instancePath:instancePath+"/customerManagedPolicies/" + i5+"/path",schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/properties/path/pattern",keyword:"pattern",params:{pattern: "^/([\\x21-\\x7E]{0,510}/)?$"},message:"must match pattern \""+"^/([\\x21-\\x7E]{0,510}/)?$"+"\""};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/customerManagedPolicies/" + i5+"/path",schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/customerManagedPolicies/" + i5,schemaPath:"#/properties/customerManagedPolicies/items/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
var _valid0 = _errs51 === errors;
valid16 = valid16 || _valid0;
}
if(!valid16){
const err65 = {instancePath:instancePath+"/customerManagedPolicies/" + i5,schemaPath:"#/properties/customerManagedPolicies/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
else {
errors = _errs48;
if(vErrors !== null){
if(_errs48){
vErrors.length = _errs48;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err66 = {instancePath:instancePath+"/customerManagedPolicies",schemaPath:"#/properties/customerManagedPolicies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data.permissionsBoundary !== undefined){
let data24 = data.permissionsBoundary;
const _errs59 = errors;
let valid18 = false;
const _errs60 = errors;
if(typeof data24 === "string"){
if(!pattern14.test(data24)){
const err67 = {instancePath:instancePath+"/permissionsBoundary",schemaPath:"#/properties/permissionsBoundary/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"+"\""};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/permissionsBoundary",schemaPath:"#/properties/permissionsBoundary/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
var _valid1 = _errs60 === errors;
valid18 = valid18 || _valid1;
if(!valid18){
const _errs62 = errors;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.name === undefined){
const err69 = {instancePath:instancePath+"/permissionsBoundary",schemaPath:"#/properties/permissionsBoundary/anyOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
for(const key5 in data24){
if(!((key5 === "name") || (key5 === "path"))){
const err70 = {instancePath:instancePath+"/permissionsBoundary",schemaPath:"#/properties/permissionsBoundary/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data24.name !== undefined){
let data25 = data24.name;
if(typeof data25 === "string"){
if(!pattern15.test(data25)){
const err71 = {instancePath:instancePath+"/permissionsBoundary/name",schemaPath:"#/properties/permissionsBoundary/anyOf/1/properties/name/pattern",keyword:"pattern",params:{pattern: "^[\\w+=,.@-]{1,128}$"},message:"must match pattern \""+"^[\\w+=,.@-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/permissionsBoundary/name",schemaPath:"#/properties/permissionsBoundary/anyOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data24.path !== undefined){
let data26 = data24.path;
if(typeof data26 === "string"){
if(!pattern17.test(data26)){
const err73 = {instancePath:instancePath+"/permissionsBoundary/path",schemaPath:"#/properties/permissionsBoundary/anyOf/1/properties/path/pattern",keyword:"pattern",params:{pattern: "^/([\\x21-\\x7E]{0,510}/)?$"},message:"must match pattern \""+"^/([\\x21-\\x7E]{0,510}/)?$"+"\""};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/permissionsBoundary/path",schemaPath:"#/properties/permissionsBoundary/anyOf/1/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/permissionsBoundary",schemaPath:"#/properties/permissionsBoundary/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
var _valid1 = _errs62 === errors;
valid18 = valid18 || _valid1;
}
if(!valid18){
const err76 = {instancePath:instancePath+"/permissionsBoundary",schemaPath:"#/properties/permissionsBoundary/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
else {
errors = _errs59;
if(vErrors !== null){
if(_errs59){
vErrors.length = _errs59;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err77 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const validatePlatformConfig = validate11;
const schema12 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://entigo.example/zone-access/platform-config.schema.json","title":"Zone Access platform config","type":"object","additionalProperties":false,"required":["identityCenter","entra","departments"],"properties":{"identityCenter":{"description":"The IAM Identity Center instance the permission sets live in.","type":"object","additionalProperties":false,"required":["instanceArn","identityStoreId","region"],"properties":{"instanceArn":{"type":"string","pattern":"^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$","description":"The IAM Identity Center instance ARN: IAM Identity Center console → Settings → Details → Instance ARN, or `aws sso-admin list-instances` (InstanceArn), e.g. arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6."},"identityStoreId":{"type":"string","pattern":"^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}$","description":"The identity store of the instance: IAM Identity Center console → Settings → Identity source → Identity store ID, or `aws sso-admin list-instances` (IdentityStoreId); d- and 10 hex digits, e.g. d-9067a1b2c3."},"region":{"type":"string","pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]+$","description":"The region IAM Identity Center is enabled in (the AWS provider's region): IAM Identity Center console → Settings → Details → Region, or the region in the instance's access portal URL, e.g. eu-north-1."},"startUrl":{"type":"string","pattern":"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$","maxLength":512,"description":"The AWS access portal URL people sign in at: IAM Identity Center console → Dashboard → AWS access portal URL, e.g. https://d-9067a1b2c3.awsapps.com/start; needed by `zone-access profiles` and the access map's sign-in links."},"externalIdIssuer":{"type":"string","pattern":"^[^\\s]{1,100}$","description":"Issuer of the ExternalId SCIM gives synced groups: once SCIM has synced one group, `aws identitystore describe-group` on it shows ExternalIds[0].Issuer (zone-access docs/deploy.md, \"Binding zones to groups by identity\"); when set, the AWS stacks find each zone group by its Entra object id instead of its display name."}}},"entra":{"description":"The Identity Center enterprise application in Microsoft Entra ID: app roles live on its app registration, group assignments on its service principal.","type":"object","additionalProperties":false,"required":["applicationObjectId","servicePrincipalObjectId"],"dependencies":{"provisioningJobId":["provisioningRuleId"],"provisioningRuleId":["provisioningJobId"]},"properties":{"tenantId":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$","description":"The Entra tenant id: Microsoft Entra admin center → Overview → Tenant ID; a GUID, e.g. 0b6f1c1e-3c1a-4d8e-9b5a-2f4e6d8c0a11."},"applicationObjectId":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$","description":"The object id of the IAM Identity Center enterprise application's app registration: Entra admin center → App registrations → All applications → the IAM Identity Center app → Overview → Object ID (not the Application (client) ID); a GUID, e.g. 4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60."},"servicePrincipalObjectId":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$","description":"The object id of the IAM Identity Center enterprise application (its service principal): Entra admin center → Enterprise applications → the IAM Identity Center app → Overview → Object ID; a GUID, e.g. 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b."},"provisioningJobId":{"type":"string","pattern":"^[A-Za-z0-9]+\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F-]{36}$","description":"Id of the SCIM provisioning job: Microsoft Graph GET /servicePrincipals/{servicePrincipalObjectId}/synchronization/jobs → value[0].id, e.g. AWSSCIM.0123456789abcdef0123456789abcdef.9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b; when set, zone groups are provisioned on demand."},"provisioningRuleId":{"type":"string","pattern":"^[A-Za-z0-9-]{1,64}(#V[0-9]{1,4})?$","description":"Id of the provisioning job's synchronization rule for groups: Microsoft Graph GET /servicePrincipals/{servicePrincipalObjectId}/synchronization/jobs/{provisioningJobId}/schema → synchronizationRules[].id, optionally with a version suffix as Graph documents it for provisionOnDemand (33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#V2); required with provisioningJobId."},"provisioningResource":{"type":"boolean","default":true,"description":"With a provisioning job: also emit the Terraform provision-on-demand resource per zone. false when `zone-access await-sync --provision` does it (zone-access docs/deploy.md, Provisioning on demand)."},"appRoles":{"type":"string","enum":["per-zone","shared"],"default":"per-zone","description":"per-zone: one app role per zone (its value is the permission set name, sent in the SAML role claim and shown per group in the enterprise app); shared: one app role that every zone group is assigned with (one role in all, whatever the number of zones; see quotas.appRolesPerApplication)."},"retiredAppRoles":{"type":"string","enum":["per-zone","shared"],"description":"Step one of switching entra.appRoles: the mode switched away from. Its roles stay on the application (no group is assigned with them any more) while every group gets its new assignment before the old one is deleted, so no group leaves SCIM scope. Remove the key in a later run, once that apply succeeded: the old roles are then deleted."}}},"zoneTagKey":{"type":"string","pattern":"^(?![aA][wW][sS]:)[A-Za-z0-9_.:/=+\\-@]{1,128}$","description":"The tag key that marks a resource's zone: 1 to 128 ASCII letters, digits and _ . : / = + - @, not starting with aws:, e.g. entigo:zone.","default":"entigo:zone"},"names":{"description":"Name prefixes of the Entra (and Identity Store) groups and of the permission sets and app role values; changing one replaces every zone's resources.","type":"object","additionalProperties":false,"properties":{"groupPrefix":{"type":"string","pattern":"^[a-z0-9][a-z0-9-]*-$","maxLength":64,"description":"A group name prefix: lower-case letters, digits and hyphens, ending in a hyphen, at most 64 characters, e.g. entigo-zone-.","default":"entigo-zone-"},"permissionSetPrefix":{"type":"string","pattern":"^[a-z0-9][a-z0-9-]*-$","maxLength":16,"description":"A permission set name prefix: lower-case letters, digits and hyphens, ending in a hyphen, at most 16 characters, e.g. zone-.","default":"zone-"}}},"defaultSessionDuration":{"type":"string","pattern":"^PT(?=\\d)(\\d+H)?(\\d+M)?$","description":"ISO 8601 duration from PT1H to PT12H, e.g. PT4H or PT1H30M.","default":"PT1H"},"accounts":{"type":"object","propertyNames":{"pattern":"^(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$","description":"An account name: lower-case letters, digits and inner hyphens, not only digits (that is an account id), e.g. shared-prod."},"additionalProperties":{"type":"string","pattern":"^[0-9]{12}$","description":"A 12-digit AWS account id, quoted so YAML keeps leading zeros, e.g. \"123456789012\"."},"description":"Account name → 12-digit id (quoted): AWS Organizations console → AWS accounts, or `aws organizations list-accounts`; zone files name accounts by these names or by id."},"departments":{"type":"object","propertyNames":{"pattern":"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$","description":"The department name: lower-case letters, digits and inner hyphens, at most 40 characters (it names the department's stacks and folder), e.g. logistics."},"additionalProperties":{"type":"object","additionalProperties":false,"properties":{"retired":{"type":"boolean","default":false,"description":"Step one of retiring a department: no zone files may remain, and its stacks stay (empty) so applying them destroys its access. Delete the entry once that apply succeeded."},"membership":{"type":"string","enum":["entra","file","access-package"],"default":"entra","description":"Who manages the members of the department's zone groups: entra (owners, in Entra; default), file (the zone files' members:), access-package (Entra ID Governance requests approved by the zone's owners)."},"file":{"type":"object","additionalProperties":false,"description":"Settings of membership: file.","properties":{"noticeDays":{"type":"integer","minimum":0,"maximum":365,"default":7,"description":"validate warns about members whose access ends within this many days."},"maxDays":{"type":"integer","minimum":1,"maximum":3660,"default":365,"description":"A member's until may be at most this many days after today (or --at)."},"maxMembersPerZone":{"type":"integer","minimum":1,"maximum":5000,"default":100,"description":"At most this many members: entries per zone file."}}},"accessPackage":{"type":"object","additionalProperties":false,"description":"Settings of membership: access-package.","properties":{"requestors":{"description":"Who may request a zone's access package: all-members (every member user of the tenant, no guests; default) or a list of Entra group object ids whose members may.","anyOf":[{"type":"string","enum":["all-members"]},{"type":"array","minItems":1,"items":{"type":"string","pattern":"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"}}]},"approval":{"type":"boolean","default":true,"description":"Requests need the approval of one of the zone's owners (default true)."},"approvalTimeoutDays":{"type":"integer","minimum":1,"maximum":14,"default":14,"description":"A request no owner decided on within this many days is denied."},"maxDays":{"type":"integer","minimum":1,"maximum":3660,"default":90,"description":"An assignment ends this many days after it was granted."},"review":{"type":"string","enum":["none","weekly","monthly","quarterly","halfyearly","annual"],"default":"none","description":"Recurring access review of the assignments by the zone's owners: none (default), weekly, monthly, quarterly, halfyearly, annual."}}}}},"description":"Every department, by the name of its folder under zones/ ({} for the defaults). Declared departments always get their stacks, even with no zones."},"sharding":{"type":"string","enum":["department","single"],"default":"department","description":"department: a pair of stacks (entra-<department>, aws-<department>) per department, each with its own state; single: one pair (entra-all, aws-all) for every zone."},"backend":{"description":"Where Terraform keeps each stack's state: local files, or S3 (state key <keyPrefix><stack>.tfstate, S3-native locking with use_lockfile).","anyOf":[{"type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"const":"local","description":"local: state files next to the synthesized stacks; s3: an S3 bucket (then bucket and region are required)."}}},{"type":"object","additionalProperties":false,"required":["type","bucket","region"],"properties":{"type":{"const":"s3"},"bucket":{"type":"string","pattern":"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$","description":"The S3 bucket that keeps the Terraform state (create it, versioned, before the first deployment), e.g. acme-zone-access-state."},"region":{"type":"string","pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]+$","description":"The region of the state bucket: where the S3 bucket was created, e.g. eu-north-1."},"keyPrefix":{"type":"string","pattern":"^[A-Za-z0-9!_.*'()/-]*$","description":"Prefix of the state keys in the bucket (state key <keyPrefix><stack>.tfstate), e.g. zone-access/.","default":"zone-access/"}}}]},"access":{"description":"What zone files may add to their permission sets beyond the built-in presets.","type":"object","additionalProperties":false,"properties":{"presets":{"description":"Extra access presets by name (built-in names cannot be redefined); every action is checked against AWS's service reference and the preset rules (policies/README.md, Adding a preset).","type":"object","propertyNames":{"pattern":"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$","description":"A preset name: lower-case letters, digits and inner hyphens, e.g. logs-viewer."},"additionalProperties":{"type":"object","additionalProperties":false,"required":["description","statements"],"properties":{"description":{"type":"string","minLength":1,"maxLength":300,"description":"What the preset allows, in one sentence (shown in the report and the access map)."},"statements":{"description":"The preset's IAM statements, each scoped to the zone as its scope says.","type":"array","minItems":1,"items":{"type":"object","additionalProperties":false,"required":["actions","scope"],"properties":{"actions":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^[a-z0-9-]+:[A-Za-z0-9]+$","description":"An IAM action, service:Action, without wildcards (a preset names exactly what it grants), e.g. logs:GetLogEvents."},"description":"IAM actions, service:Action, no wildcards: a preset names exactly what it grants."},"resources":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*)$","description":"A resource: * or an ARN (wildcards allowed), e.g. arn:aws:logs:*:*:log-group:*."},"description":"Resource ARNs the statement applies to (default *); the scope condition still applies."},"scope":{"type":"string","enum":["resource-tag","request-tag","none"],"description":"resource-tag: the resource must carry the zone tag; request-tag: the request must set it; none: unscoped (list/describe only)."}}}}}}},"managedPolicies":{"type":"array","items":{"type":"string","pattern":"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$","description":"An AWS-managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess."},"description":"AWS-managed policy ARNs zone files may attach. validate reads each one's document and fails for one that reaches other zones' resources (managed-policy-crosses-zones) unless acknowledged, and for one it does not know (managed-policy-unknown)."},"acknowledgedManagedPolicyRisks":{"type":"array","items":{"type":"string","pattern":"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$","description":"An AWS-managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess."},"description":"AWS-managed policies of managedPolicies that grant actions on other zones' resources (validate lists them), accepted knowingly; every such policy must be listed here or validation fails."},"customerManagedPolicies":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[\\w+=,.@-]{1,128}$","description":"A customer-managed policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin."},"path":{"type":"string","pattern":"^/([\\x21-\\x7E]{0,510}/)?$","description":"An IAM path: starts and ends with /, `/` by default, e.g. /zone-access/."}}},"description":"Customer-managed policies zone files may attach (they must exist in every account of the zones that attach them)."},"permissionsBoundary":{"description":"The one permissions boundary zone files may set: an AWS-managed policy ARN or a customer-managed policy { name, path }.","anyOf":[{"type":"string","pattern":"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$","description":"An AWS-managed policy ARN, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess."},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[\\w+=,.@-]{1,128}$","description":"A customer-managed policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin."},"path":{"type":"string","pattern":"^/([\\x21-\\x7E]{0,510}/)?$","description":"An IAM path: starts and ends with /, `/` by default, e.g. /zone-access/."}}}]}}},"secrets":{"description":"How zones may create and claim Secrets Manager secrets.","type":"object","additionalProperties":false,"properties":{"zoneNamePrefix":{"type":"boolean","default":true,"description":"Zone secrets are named <zone>/...: the zone tag only goes onto secrets of the zone's name space. false lets a zone claim any untagged secret (zone-access docs/security.md, Untagged secrets)."}}},"protection":{"description":"Safeguards against destroying permission sets by mistake.","type":"object","additionalProperties":false,"properties":{"preventDestroy":{"type":"boolean","default":false,"description":"Add lifecycle.prevent_destroy to every permission set."}}},"audit":{"type":"object","additionalProperties":false,"description":"Settings of `zone-access audit`, which reads CloudTrail; nothing deployed uses them (zone-access docs/audit.md).","properties":{"roleName":{"type":"string","pattern":"^([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$","maxLength":512,"description":"A read-only role (optionally with its path, e.g. audit/ZoneAccessAudit) that exists in every account the zones list; `zone-access audit --source lookup-events` assumes arn:<partition>:iam::<account>:role/<roleName> in each account. Unset: only the account of the current credentials is read."},"regions":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]+$","description":"A region whose CloudTrail event history `zone-access audit` reads: the regions the zones' resources are in, e.g. eu-north-1."},"description":"Regions `zone-access audit --source lookup-events` reads CloudTrail event history in, in every account; default: identityCenter.region. Global services (IAM, and STS through its global endpoint) record in us-east-1."}}},"quotas":{"type":"object","additionalProperties":false,"description":"Service quotas validate checks the tree against: an error above one, a warning from 80 %. Defaults are the providers' defaults (zone-access docs/quotas.md).","properties":{"permissionSetsPerInstance":{"type":"integer","minimum":1,"default":2000,"description":"Permission sets in the IAM Identity Center instance (AWS default 2,000, adjustable). One per zone; lower it by the permission sets Zone Access does not manage."},"permissionSetsPerAccount":{"type":"integer","minimum":1,"default":250,"description":"Permission sets provisioned to one AWS account (AWS default 250, adjustable). One per zone assigned to the account; lower it by the account's other permission sets."},"rolesPerAccount":{"type":"integer","minimum":1,"default":1000,"description":"IAM roles in one AWS account (IAM default 1,000, adjustable): each provisioned permission set is a role. Set it to the account's role quota minus the roles it already has."},"appRolesPerApplication":{"type":"integer","minimum":1,"default":1000,"description":"App roles on the Identity Center enterprise application in Entra (one per zone, or one in all with entra.appRoles: shared): an application object holds about 1,000 items across all its collections (app roles, reply URLs, identifier URIs), not adjustable. Lower it by the items the application already has."}}}}};
const pattern21 = new RegExp("^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$", "u");
const pattern22 = new RegExp("^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}$", "u");
const pattern23 = new RegExp("^[a-z]{2}(-[a-z]+)+-[0-9]+$", "u");
const pattern24 = new RegExp("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$", "u");
const pattern25 = new RegExp("^[^\\s]{1,100}$", "u");
const pattern26 = new RegExp("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "u");
const pattern29 = new RegExp("^[A-Za-z0-9]+\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F-]{36}$", "u");
const pattern30 = new RegExp("^[A-Za-z0-9-]{1,64}(#V[0-9]{1,4})?$", "u");
const pattern31 = new RegExp("^(?![aA][wW][sS]:)[A-Za-z0-9_.:/=+\\-@]{1,128}$", "u");
const pattern32 = new RegExp("^[a-z0-9][a-z0-9-]*-$", "u");
const pattern35 = new RegExp("^(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$", "u");
const pattern36 = new RegExp("^[0-9]{12}$", "u");
const pattern39 = new RegExp("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", "u");
const pattern41 = new RegExp("^[A-Za-z0-9!_.*'()/-]*$", "u");
const pattern43 = new RegExp("^[a-z0-9-]+:[A-Za-z0-9]+$", "u");
const pattern44 = new RegExp("^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*)$", "u");
const pattern52 = new RegExp("^([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://entigo.example/zone-access/platform-config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.identityCenter === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "identityCenter"},message:"must have required property '"+"identityCenter"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.entra === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entra"},message:"must have required property '"+"entra"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.departments === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "departments"},message:"must have required property '"+"departments"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.identityCenter !== undefined){
let data0 = data.identityCenter;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.instanceArn === undefined){
const err4 = {instancePath:instancePath+"/identityCenter",schemaPath:"#/properties/identityCenter/required",keyword:"required",params:{missingProperty: "instanceArn"},message:"must have required property '"+"instanceArn"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data0.identityStoreId === undefined){
const err5 = {instancePath:instancePath+"/identityCenter",schemaPath:"#/properties/identityCenter/required",keyword:"required",params:{missingProperty: "identityStoreId"},message:"must have required property '"+"identityStoreId"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data0.region === undefined){
const err6 = {instancePath:instancePath+"/identityCenter",schemaPath:"#/properties/identityCenter/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data0){
if(!(((((key1 === "instanceArn") || (key1 === "identityStoreId")) || (key1 === "region")) || (key1 === "startUrl")) || (key1 === "externalIdIssuer"))){
const err7 = {instancePath:instancePath+"/identityCenter",schemaPath:"#/properties/identityCenter/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.instanceArn !== undefined){
let data1 = data0.instanceArn;
if(typeof data1 === "string"){
if(!pattern21.test(data1)){
const err8 = {instancePath:instancePath+"/identityCenter/instanceArn",schemaPath:"#/properties/identityCenter/properties/instanceArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$"},message:"must match pattern \""+"^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$"+"\""};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/identityCenter/instanceArn",schemaPath:"#/properties/identityCenter/properties/instanceArn/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data0.identityStoreId !== undefined){
let data2 = data0.identityStoreId;
if(typeof data2 === "string"){
if(!pattern22.test(data2)){
const err10 = {instancePath:instancePath+"/identityCenter/identityStoreId",schemaPath:"#/properties/identityCenter/properties/identityStoreId/pattern",keyword:"pattern",params:{pattern: "^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}$"},message:"must match pattern \""+"^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{4}\\b-[0-9a-f]{12}$"+"\""};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/identityCenter/identityStoreId",schemaPath:"#/properties/identityCenter/properties/identityStoreId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data0.region !== undefined){
let data3 = data0.region;
if(typeof data3 === "string"){
if(!pattern23.test(data3)){
const err12 = {instancePath:instancePath+"/identityCenter/region",schemaPath:"#/properties/identityCenter/properties/region/pattern",keyword:"pattern",params:{pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$"},message:"must match pattern \""+"^[a-z]{2}(-[a-z]+)+-[0-9]+$"+"\""};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/identityCenter/region",schemaPath:"#/properties/identityCenter/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data0.startUrl !== undefined){
let data4 = data0.startUrl;
if(typeof data4 === "string"){
if(func3(data4) > 512){
const err14 = {instancePath:instancePath+"/identityCenter/startUrl",schemaPath:"#/properties/identityCenter/properties/startUrl/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!pattern24.test(data4)){
const err15 = {instancePath:instancePath+"/identityCenter/startUrl",schemaPath:"#/properties/identityCenter/properties/startUrl/pattern",keyword:"pattern",params:{pattern: "^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$"},message:"must match pattern \""+"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$"+"\""};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/identityCenter/startUrl",schemaPath:"#/properties/identityCenter/properties/startUrl/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data0.externalIdIssuer !== undefined){
let data5 = data0.externalIdIssuer;
if(typeof data5 === "string"){
if(!pattern25.test(data5)){
const err17 = {instancePath:instancePath+"/identityCenter/externalIdIssuer",schemaPath:"#/properties/identityCenter/properties/externalIdIssuer/pattern",keyword:"pattern",params:{pattern: "^[^\\s]{1,100}$"},message:"must match pattern \""+"^[^\\s]{1,100}$"+"\""};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/identityCenter/externalIdIssuer",schemaPath:"#/properties/identityCenter/properties/externalIdIssuer/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/identityCenter",schemaPath:"#/properties/identityCenter/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.entra !== undefined){
let data6 = data.entra;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.applicationObjectId === undefined){
const err20 = {instancePath:instancePath+"/entra",schemaPath:"#/properties/entra/required",keyword:"required",params:{missingProperty: "applicationObjectId"},message:"must have required property '"+"applicationObjectId"+"'"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data6.servicePrincipalObjectId === undefined){
const err21 = {instancePath:instancePath+"/entra",schemaPath:"#/properties/entra/required",keyword:"required",params:{missingProperty: "servicePrincipalObjectId"},message:"must have required property '"+"servicePrincipalObjectId"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key2 in data6){
if(!((((((((key2 === "tenantId") || (key2 === "applicationObjectId")) || (key2 === "servicePrincipalObjectId")) || (key2 === "provisioningJobId")) || (key2 === "provisioningRuleId")) || (key2 === "provisioningResource")) || (key2 === "appRoles")) || (key2 === "retiredAppRoles"))){
const err22 = {instancePath:instancePath+"/entra",schemaPath:"#/properties/entra/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data6.provisioningJobId !== undefined){
if(data6.provisioningRuleId === undefined){
const err23 = {instancePath:instancePath+"/entra",schemaPath:"#/properties/entra/dependencies",keyword:"dependencies",params:{property: "provisioningJobId",
    missingProperty: "provisioningRuleId",
    depsCount: 1,
    deps: "provisioningRuleId"},message:"must have property provisioningRuleId when property provisioningJobId is present"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data6.provisioningRuleId !== undefined){
if(data6.provisioningJobId === undefined){
const err24 = {instancePath:instancePath+"/entra",schemaPath:"#/properties/entra/dependencies",keyword:"dependencies",params:{property: "provisioningRuleId",
    missingProperty: "provisioningJobId",
    depsCount: 1,
    deps: "provisioningJobId"},message:"must have property provisioningJobId when property provisioningRuleId is present"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data6.tenantId !== undefined){
let data7 = data6.tenantId;
if(typeof data7 === "string"){
if(!pattern26.test(data7)){
const err25 = {instancePath:instancePath+"/entra/tenantId",schemaPath:"#/properties/entra/properties/tenantId/pattern",keyword:"pattern",params:{pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},message:"must match pattern \""+"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"+"\""};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/entra/tenantId",schemaPath:"#/properties/entra/properties/tenantId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data6.applicationObjectId !== undefined){
let data8 = data6.applicationObjectId;
if(typeof data8 === "string"){
if(!pattern26.test(data8)){
const err27 = {instancePath:instancePath+"/entra/applicationObjectId",schemaPath:"#/properties/entra/properties/applicationObjectId/pattern",keyword:"pattern",params:{pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},message:"must match pattern \""+"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"+"\""};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/entra/applicationObjectId",schemaPath:"#/properties/entra/properties/applicationObjectId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data6.servicePrincipalObjectId !== undefined){
let data9 = data6.servicePrincipalObjectId;
if(typeof data9 === "string"){
if(!pattern26.test(data9)){
const err29 = {instancePath:instancePath+"/entra/servicePrincipalObjectId",schemaPath:"#/properties/entra/properties/servicePrincipalObjectId/pattern",keyword:"pattern",params:{pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},message:"must match pattern \""+"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"+"\""};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/entra/servicePrincipalObjectId",schemaPath:"#/properties/entra/properties/servicePrincipalObjectId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data6.provisioningJobId !== undefined){
let data10 = data6.provisioningJobId;
if(typeof data10 === "string"){
if(!pattern29.test(data10)){
const err31 = {instancePath:instancePath+"/entra/provisioningJobId",schemaPath:"#/properties/entra/properties/provisioningJobId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]+\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F-]{36}$"},message:"must match pattern \""+"^[A-Za-z0-9]+\\.[0-9a-fA-F]{32}\\.[0-9a-fA-F-]{36}$"+"\""};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/entra/provisioningJobId",schemaPath:"#/properties/entra/properties/provisioningJobId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data6.provisioningRuleId !== undefined){
let data11 = data6.provisioningRuleId;
if(typeof data11 === "string"){
if(!pattern30.test(data11)){
const err33 = {instancePath:instancePath+"/entra/provisioningRuleId",schemaPath:"#/properties/entra/properties/provisioningRuleId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9-]{1,64}(#V[0-9]{1,4})?$"},message:"must match pattern \""+"^[A-Za-z0-9-]{1,64}(#V[0-9]{1,4})?$"+"\""};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/entra/provisioningRuleId",schemaPath:"#/properties/entra/properties/provisioningRuleId/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data6.provisioningResource !== undefined){
if(typeof data6.provisioningResource !== "boolean"){
const err35 = {instancePath:instancePath+"/entra/provisioningResource",schemaPath:"#/properties/entra/properties/provisioningResource/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data6.appRoles !== undefined){
let data13 = data6.appRoles;
if(typeof data13 !== "string"){
const err36 = {instancePath:instancePath+"/entra/appRoles",schemaPath:"#/properties/entra/properties/appRoles/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(!((data13 === "per-zone") || (data13 === "shared"))){
const err37 = {instancePath:instancePath+"/entra/appRoles",schemaPath:"#/properties/entra/properties/appRoles/enum",keyword:"enum",params:{allowedValues: schema12.properties.entra.properties.appRoles.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data6.retiredAppRoles !== undefined){
let data14 = data6.retiredAppRoles;
if(typeof data14 !== "string"){
const err38 = {instancePath:instancePath+"/entra/retiredAppRoles",schemaPath:"#/properties/entra/properties/retiredAppRoles/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!((data14 === "per-zone") || (data14 === "shared"))){
const err39 = {instancePath:instancePath+"/entra/retiredAppRoles",schemaPath:"#/properties/entra/properties/retiredAppRoles/enum",keyword:"enum",params:{allowedValues: schema12.properties.entra.properties.retiredAppRoles.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/entra",schemaPath:"#/properties/entra/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.zoneTagKey !== undefined){
let data15 = data.zoneTagKey;
if(typeof data15 === "string"){
if(!pattern31.test(data15)){
const err41 = {instancePath:instancePath+"/zoneTagKey",schemaPath:"#/properties/zoneTagKey/pattern",keyword:"pattern",params:{pattern: "^(?![aA][wW][sS]:)[A-Za-z0-9_.:/=+\\-@]{1,128}$"},message:"must match pattern \""+"^(?![aA][wW][sS]:)[A-Za-z0-9_.:/=+\\-@]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/zoneTagKey",schemaPath:"#/properties/zoneTagKey/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.names !== undefined){
let data16 = data.names;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key3 in data16){
if(!((key3 === "groupPrefix") || (key3 === "permissionSetPrefix"))){
const err43 = {instancePath:instancePath+"/names",schemaPath:"#/properties/names/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data16.groupPrefix !== undefined){
let data17 = data16.groupPrefix;
if(typeof data17 === "string"){
if(func3(data17) > 64){
const err44 = {instancePath:instancePath+"/names/groupPrefix",schemaPath:"#/properties/names/properties/groupPrefix/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!pattern32.test(data17)){
const err45 = {instancePath:instancePath+"/names/groupPrefix",schemaPath:"#/properties/names/properties/groupPrefix/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9-]*-$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9-]*-$"+"\""};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/names/groupPrefix",schemaPath:"#/properties/names/properties/groupPrefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data16.permissionSetPrefix !== undefined){
let data18 = data16.permissionSetPrefix;
if(typeof data18 === "string"){
if(func3(data18) > 16){
const err47 = {instancePath:instancePath+"/names/permissionSetPrefix",schemaPath:"#/properties/names/properties/permissionSetPrefix/maxLength",keyword:"maxLength",params:{limit: 16},message:"must NOT have more than 16 characters"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(!pattern32.test(data18)){
const err48 = {instancePath:instancePath+"/names/permissionSetPrefix",schemaPath:"#/properties/names/properties/permissionSetPrefix/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9-]*-$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9-]*-$"+"\""};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
else {
const err49 = {instancePath:instancePath+"/names/permissionSetPrefix",schemaPath:"#/properties/names/properties/permissionSetPrefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
else {
const err50 = {instancePath:instancePath+"/names",schemaPath:"#/properties/names/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data.defaultSessionDuration !== undefined){
let data19 = data.defaultSessionDuration;
if(typeof data19 === "string"){
if(!pattern5.test(data19)){
const err51 = {instancePath:instancePath+"/defaultSessionDuration",schemaPath:"#/properties/defaultSessionDuration/pattern",keyword:"pattern",params:{pattern: "^PT(?=\\d)(\\d+H)?(\\d+M)?$"},message:"must match pattern \""+"^PT(?=\\d)(\\d+H)?(\\d+M)?$"+"\""};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/defaultSessionDuration",schemaPath:"#/properties/defaultSessionDuration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.accounts !== undefined){
let data20 = data.accounts;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key4 in data20){
const _errs47 = errors;
if(typeof key4 === "string"){
if(!pattern35.test(key4)){
const err53 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/propertyNames/pattern",keyword:"pattern",params:{pattern: "^(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},message:"must match pattern \""+"^(?![0-9]+$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$"+"\"",propertyName:key4};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
var valid5 = _errs47 === errors;
if(!valid5){
const err54 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
for(const key5 in data20){
let data21 = data20[key5];
if(typeof data21 === "string"){
if(!pattern36.test(data21)){
const err55 = {instancePath:instancePath+"/accounts/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/accounts/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^[0-9]{12}$"},message:"must match pattern \""+"^[0-9]{12}$"+"\""};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/accounts/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/accounts/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/accounts",schemaPath:"#/properties/accounts/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.departments !== undefined){
let data22 = data.departments;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key6 in data22){
const _errs53 = errors;
if(typeof key6 === "string"){
if(!pattern0.test(key6)){
const err58 = {instancePath:instancePath+"/departments",schemaPath:"#/properties/departments/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"+"\"",propertyName:key6};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
var valid7 = _errs53 === errors;
if(!valid7){
const err59 = {instancePath:instancePath+"/departments",schemaPath:"#/properties/departments/propertyNames",keyword:"propertyNames",params:{propertyName: key6},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
for(const key7 in data22){
let data23 = data22[key7];
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key8 in data23){
if(!((((key8 === "retired") || (key8 === "membership")) || (key8 === "file")) || (key8 === "accessPackage"))){
const err60 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/departments/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data23.retired !== undefined){
if(typeof data23.retired !== "boolean"){
const err61 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/retired",schemaPath:"#/properties/departments/additionalProperties/properties/retired/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data23.membership !== undefined){
let data25 = data23.membership;
if(typeof data25 !== "string"){
const err62 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/membership",schemaPath:"#/properties/departments/additionalProperties/properties/membership/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(!(((data25 === "entra") || (data25 === "file")) || (data25 === "access-package"))){
const err63 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/membership",schemaPath:"#/properties/departments/additionalProperties/properties/membership/enum",keyword:"enum",params:{allowedValues: schema12.properties.departments.additionalProperties.properties.membership.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data23.file !== undefined){
let data26 = data23.file;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key9 in data26){
if(!(((key9 === "noticeDays") || (key9 === "maxDays")) || (key9 === "maxMembersPerZone"))){
const err64 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file",schemaPath:"#/properties/departments/additionalProperties/properties/file/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data26.noticeDays !== undefined){
let data27 = data26.noticeDays;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err65 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/noticeDays",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/noticeDays/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 365 || isNaN(data27)){
const err66 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/noticeDays",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/noticeDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 365},message:"must be <= 365"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(data27 < 0 || isNaN(data27)){
const err67 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/noticeDays",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/noticeDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
if(data26.maxDays !== undefined){
let data28 = data26.maxDays;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err68 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/maxDays",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/maxDays/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 > 3660 || isNaN(data28)){
const err69 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/maxDays",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/maxDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3660},message:"must be <= 3660"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if(data28 < 1 || isNaN(data28)){
const err70 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/maxDays",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/maxDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
if(data26.maxMembersPerZone !== undefined){
let data29 = data26.maxMembersPerZone;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err71 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/maxMembersPerZone",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/maxMembersPerZone/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 5000 || isNaN(data29)){
const err72 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/maxMembersPerZone",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/maxMembersPerZone/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5000},message:"must be <= 5000"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err73 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file/maxMembersPerZone",schemaPath:"#/properties/departments/additionalProperties/properties/file/properties/maxMembersPerZone/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
}
else {
const err74 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/file",schemaPath:"#/properties/departments/additionalProperties/properties/file/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data23.accessPackage !== undefined){
let data30 = data23.accessPackage;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
for(const key10 in data30){
if(!(((((key10 === "requestors") || (key10 === "approval")) || (key10 === "approvalTimeoutDays")) || (key10 === "maxDays")) || (key10 === "review"))){
const err75 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data30.requestors !== undefined){
let data31 = data30.requestors;
const _errs75 = errors;
let valid12 = false;
const _errs76 = errors;
if(typeof data31 !== "string"){
const err76 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(!(data31 === "all-members")){
const err77 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf/0/enum",keyword:"enum",params:{allowedValues: schema12.properties.departments.additionalProperties.properties.accessPackage.properties.requestors.anyOf[0].enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
var _valid0 = _errs76 === errors;
valid12 = valid12 || _valid0;
if(!valid12){
const _errs78 = errors;
if(Array.isArray(data31)){
if(data31.length < 1){
const err78 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
const len0 = data31.length;
for(let i0=0; i0<len0; i0++){
let data32 = data31[i0];
if(typeof data32 === "string"){
if(!pattern26.test(data32)){
const err79 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors/" + i0,schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},message:"must match pattern \""+"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"+"\""};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
else {
const err80 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors/" + i0,schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf/1/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
var _valid0 = _errs78 === errors;
valid12 = valid12 || _valid0;
}
if(!valid12){
const err82 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/requestors",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/requestors/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
else {
errors = _errs75;
if(vErrors !== null){
if(_errs75){
vErrors.length = _errs75;
}
else {
vErrors = null;
}
}
}
}
if(data30.approval !== undefined){
if(typeof data30.approval !== "boolean"){
const err83 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/approval",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/approval/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data30.approvalTimeoutDays !== undefined){
let data34 = data30.approvalTimeoutDays;
if(!(((typeof data34 == "number") && (!(data34 % 1) && !isNaN(data34))) && (isFinite(data34)))){
const err84 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/approvalTimeoutDays",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/approvalTimeoutDays/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if((typeof data34 == "number") && (isFinite(data34))){
if(data34 > 14 || isNaN(data34)){
const err85 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/approvalTimeoutDays",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/approvalTimeoutDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 14},message:"must be <= 14"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data34 < 1 || isNaN(data34)){
const err86 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/approvalTimeoutDays",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/approvalTimeoutDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
if(data30.maxDays !== undefined){
let data35 = data30.maxDays;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err87 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/maxDays",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/maxDays/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 > 3660 || isNaN(data35)){
const err88 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/maxDays",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/maxDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3660},message:"must be <= 3660"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if(data35 < 1 || isNaN(data35)){
const err89 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/maxDays",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/maxDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
}
if(data30.review !== undefined){
let data36 = data30.review;
if(typeof data36 !== "string"){
const err90 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/review",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/review/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
if(!((((((data36 === "none") || (data36 === "weekly")) || (data36 === "monthly")) || (data36 === "quarterly")) || (data36 === "halfyearly")) || (data36 === "annual"))){
const err91 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage/review",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/properties/review/enum",keyword:"enum",params:{allowedValues: schema12.properties.departments.additionalProperties.properties.accessPackage.properties.review.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
else {
const err92 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/accessPackage",schemaPath:"#/properties/departments/additionalProperties/properties/accessPackage/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
}
else {
const err93 = {instancePath:instancePath+"/departments/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/departments/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
else {
const err94 = {instancePath:instancePath+"/departments",schemaPath:"#/properties/departments/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data.sharding !== undefined){
let data37 = data.sharding;
if(typeof data37 !== "string"){
const err95 = {instancePath:instancePath+"/sharding",schemaPath:"#/properties/sharding/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if(!((data37 === "department") || (data37 === "single"))){
const err96 = {instancePath:instancePath+"/sharding",schemaPath:"#/properties/sharding/enum",keyword:"enum",params:{allowedValues: schema12.properties.sharding.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
if(data.backend !== undefined){
let data38 = data.backend;
const _errs93 = errors;
let valid15 = false;
const _errs94 = errors;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
if(data38.type === undefined){
const err97 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/0/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
for(const key11 in data38){
if(!(key11 === "type")){
const err98 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data38.type !== undefined){
if("local" !== data38.type){
const err99 = {instancePath:instancePath+"/backend/type",schemaPath:"#/properties/backend/anyOf/0/properties/type/const",keyword:"const",params:{allowedValue: "local"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/0/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
var _valid1 = _errs94 === errors;
valid15 = valid15 || _valid1;
if(!valid15){
const _errs98 = errors;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
if(data38.type === undefined){
const err101 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/1/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data38.bucket === undefined){
const err102 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/1/required",keyword:"required",params:{missingProperty: "bucket"},message:"must have required property '"+"bucket"+"'"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
if(data38.region === undefined){
const err103 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/1/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
for(const key12 in data38){
if(!((((key12 === "type") || (key12 === "bucket")) || (key12 === "region")) || (key12 === "keyPrefix"))){
const err104 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data38.type !== undefined){
if("s3" !== data38.type){
const err105 = {instancePath:instancePath+"/backend/type",schemaPath:"#/properties/backend/anyOf/1/properties/type/const",keyword:"const",params:{allowedValue: "s3"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data38.bucket !== undefined){
let data41 = data38.bucket;
if(typeof data41 === "string"){
if(!pattern39.test(data41)){
const err106 = {instancePath:instancePath+"/backend/bucket",schemaPath:"#/properties/backend/anyOf/1/properties/bucket/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"+"\""};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
else {
const err107 = {instancePath:instancePath+"/backend/bucket",schemaPath:"#/properties/backend/anyOf/1/properties/bucket/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data38.region !== undefined){
let data42 = data38.region;
if(typeof data42 === "string"){
if(!pattern23.test(data42)){
const err108 = {instancePath:instancePath+"/backend/region",schemaPath:"#/properties/backend/anyOf/1/properties/region/pattern",keyword:"pattern",params:{pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$"},message:"must match pattern \""+"^[a-z]{2}(-[a-z]+)+-[0-9]+$"+"\""};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
else {
const err109 = {instancePath:instancePath+"/backend/region",schemaPath:"#/properties/backend/anyOf/1/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
if(data38.keyPrefix !== undefined){
let data43 = data38.keyPrefix;
if(typeof data43 === "string"){
if(!pattern41.test(data43)){
const err110 = {instancePath:instancePath+"/backend/keyPrefix",schemaPath:"#/properties/backend/anyOf/1/properties/keyPrefix/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9!_.*'()/-]*$"},message:"must match pattern \""+"^[A-Za-z0-9!_.*'()/-]*$"+"\""};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
else {
const err111 = {instancePath:instancePath+"/backend/keyPrefix",schemaPath:"#/properties/backend/anyOf/1/properties/keyPrefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
}
else {
const err112 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
var _valid1 = _errs98 === errors;
valid15 = valid15 || _valid1;
}
if(!valid15){
const err113 = {instancePath:instancePath+"/backend",schemaPath:"#/properties/backend/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
else {
errors = _errs93;
if(vErrors !== null){
if(_errs93){
vErrors.length = _errs93;
}
else {
vErrors = null;
}
}
}
}
if(data.access !== undefined){
let data44 = data.access;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
for(const key13 in data44){
if(!(((((key13 === "presets") || (key13 === "managedPolicies")) || (key13 === "acknowledgedManagedPolicyRisks")) || (key13 === "customerManagedPolicies")) || (key13 === "permissionsBoundary"))){
const err114 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
if(data44.presets !== undefined){
let data45 = data44.presets;
if(data45 && typeof data45 == "object" && !Array.isArray(data45)){
for(const key14 in data45){
const _errs113 = errors;
if(typeof key14 === "string"){
if(!pattern0.test(key14)){
const err115 = {instancePath:instancePath+"/access/presets",schemaPath:"#/properties/access/properties/presets/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"+"\"",propertyName:key14};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
var valid19 = _errs113 === errors;
if(!valid19){
const err116 = {instancePath:instancePath+"/access/presets",schemaPath:"#/properties/access/properties/presets/propertyNames",keyword:"propertyNames",params:{propertyName: key14},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
for(const key15 in data45){
let data46 = data45[key15];
if(data46 && typeof data46 == "object" && !Array.isArray(data46)){
if(data46.description === undefined){
const err117 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/access/properties/presets/additionalProperties/required",keyword:"required",params:{missingProperty: "description"},message:"must have required property '"+"description"+"'"};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if(data46.statements === undefined){
const err118 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/access/properties/presets/additionalProperties/required",keyword:"required",params:{missingProperty: "statements"},message:"must have required property '"+"statements"+"'"};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
for(const key16 in data46){
if(!((key16 === "description") || (key16 === "statements"))){
const err119 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/access/properties/presets/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data46.description !== undefined){
let data47 = data46.description;
if(typeof data47 === "string"){
if(func3(data47) > 300){
const err120 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/description/maxLength",keyword:"maxLength",params:{limit: 300},message:"must NOT have more than 300 characters"};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
if(func3(data47) < 1){
const err121 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/description/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
else {
const err122 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
if(data46.statements !== undefined){
let data48 = data46.statements;
if(Array.isArray(data48)){
if(data48.length < 1){
const err123 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
const len1 = data48.length;
for(let i1=0; i1<len1; i1++){
let data49 = data48[i1];
if(data49 && typeof data49 == "object" && !Array.isArray(data49)){
if(data49.actions === undefined){
const err124 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/required",keyword:"required",params:{missingProperty: "actions"},message:"must have required property '"+"actions"+"'"};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
if(data49.scope === undefined){
const err125 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/required",keyword:"required",params:{missingProperty: "scope"},message:"must have required property '"+"scope"+"'"};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
for(const key17 in data49){
if(!(((key17 === "actions") || (key17 === "resources")) || (key17 === "scope"))){
const err126 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
if(data49.actions !== undefined){
let data50 = data49.actions;
if(Array.isArray(data50)){
if(data50.length < 1){
const err127 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/actions",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/actions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
const len2 = data50.length;
for(let i2=0; i2<len2; i2++){
let data51 = data50[i2];
if(typeof data51 === "string"){
if(!pattern43.test(data51)){
const err128 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/actions/" + i2,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/actions/items/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9-]+:[A-Za-z0-9]+$"},message:"must match pattern \""+"^[a-z0-9-]+:[A-Za-z0-9]+$"+"\""};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
else {
const err129 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/actions/" + i2,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/actions/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
}
else {
const err130 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/actions",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/actions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(data49.resources !== undefined){
let data52 = data49.resources;
if(Array.isArray(data52)){
if(data52.length < 1){
const err131 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/resources",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/resources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
const len3 = data52.length;
for(let i3=0; i3<len3; i3++){
let data53 = data52[i3];
if(typeof data53 === "string"){
if(!pattern44.test(data53)){
const err132 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/resources/" + i3,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/resources/items/pattern",keyword:"pattern",params:{pattern: "^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*)$"},message:"must match pattern \""+"^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[^\\s]*)$"+"\""};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
else {
const err133 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/resources/" + i3,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/resources/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
else {
const err134 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/resources",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/resources/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data49.scope !== undefined){
let data54 = data49.scope;
if(typeof data54 !== "string"){
const err135 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/scope",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/scope/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
if(!(((data54 === "resource-tag") || (data54 === "request-tag")) || (data54 === "none"))){
const err136 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1+"/scope",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/properties/scope/enum",keyword:"enum",params:{allowedValues: schema12.properties.access.properties.presets.additionalProperties.properties.statements.items.properties.scope.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
}
else {
const err137 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements/" + i1,schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
}
else {
const err138 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1")+"/statements",schemaPath:"#/properties/access/properties/presets/additionalProperties/properties/statements/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
}
else {
const err139 = {instancePath:instancePath+"/access/presets/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/access/properties/presets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
}
else {
const err140 = {instancePath:instancePath+"/access/presets",schemaPath:"#/properties/access/properties/presets/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
if(data44.managedPolicies !== undefined){
let data55 = data44.managedPolicies;
if(Array.isArray(data55)){
const len4 = data55.length;
for(let i4=0; i4<len4; i4++){
let data56 = data55[i4];
if(typeof data56 === "string"){
if(!pattern14.test(data56)){
const err141 = {instancePath:instancePath+"/access/managedPolicies/" + i4,schemaPath:"#/properties/access/properties/managedPolicies/items/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"+"\""};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
else {
const err142 = {instancePath:instancePath+"/access/managedPolicies/" + i4,schemaPath:"#/properties/access/properties/managedPolicies/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
}
else {
const err143 = {instancePath:instancePath+"/access/managedPolicies",schemaPath:"#/properties/access/properties/managedPolicies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
if(data44.acknowledgedManagedPolicyRisks !== undefined){
let data57 = data44.acknowledgedManagedPolicyRisks;
if(Array.isArray(data57)){
const len5 = data57.length;
for(let i5=0; i5<len5; i5++){
let data58 = data57[i5];
if(typeof data58 === "string"){
if(!pattern14.test(data58)){
const err144 = {instancePath:instancePath+"/access/acknowledgedManagedPolicyRisks/" + i5,schemaPath:"#/properties/access/properties/acknowledgedManagedPolicyRisks/items/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"+"\""};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
else {
const err145 = {instancePath:instancePath+"/access/acknowledgedManagedPolicyRisks/" + i5,schemaPath:"#/properties/access/properties/acknowledgedManagedPolicyRisks/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
}
else {
const err146 = {instancePath:instancePath+"/access/acknowledgedManagedPolicyRisks",schemaPath:"#/properties/access/properties/acknowledgedManagedPolicyRisks/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
if(data44.customerManagedPolicies !== undefined){
let data59 = data44.customerManagedPolicies;
if(Array.isArray(data59)){
const len6 = data59.length;
for(let i6=0; i6<len6; i6++){
let data60 = data59[i6];
if(data60 && typeof data60 == "object" && !Array.isArray(data60)){
if(data60.name === undefined){
const err147 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6,schemaPath:"#/properties/access/properties/customerManagedPolicies/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
for(const key18 in data60){
if(!((key18 === "name") || (key18 === "path"))){
const err148 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6,schemaPath:"#/properties/access/properties/customerManagedPolicies/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
}
if(data60.name !== undefined){
let data61 = data60.name;
if(typeof data61 === "string"){
if(!pattern15.test(data61)){
const err149 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6+"/name",schemaPath:"#/properties/access/properties/customerManagedPolicies/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[\\w+=,.@-]{1,128}$"},message:"must match pattern \""+"^[\\w+=,.@-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
else {
const err150 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6+"/name",schemaPath:"#/properties/access/properties/customerManagedPolicies/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
if(data60.path !== undefined){
let data62 = data60.path;
if(typeof data62 === "string"){
if(!pattern17.test(data62)){
const err151 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6+"/path",schemaPath:"#/properties/access/properties/customerManagedPolicies/items/properties/path/pattern",keyword:"pattern",params:{pattern: "^/([\\x21-\\x7E]{0,510}/)?$"},message:"must match pattern \""+"^/([\\x21-\\x7E]{0,510}/)?$"+"\""};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
else {
const err152 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6+"/path",schemaPath:"#/properties/access/properties/customerManagedPolicies/items/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
}
else {
const err153 = {instancePath:instancePath+"/access/customerManagedPolicies/" + i6,schemaPath:"#/properties/access/properties/customerManagedPolicies/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
}
else {
const err154 = {instancePath:instancePath+"/access/customerManagedPolicies",schemaPath:"#/properties/access/properties/customerManagedPolicies/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data44.permissionsBoundary !== undefined){
let data63 = data44.permissionsBoundary;
const _errs153 = errors;
let valid36 = false;
const _errs154 = errors;
if(typeof data63 === "string"){
if(!pattern14.test(data63)){
const err155 = {instancePath:instancePath+"/access/permissionsBoundary",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/0/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:iam::aws:policy/[\\w+=,.@/-]+$"+"\""};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
else {
const err156 = {instancePath:instancePath+"/access/permissionsBoundary",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/0/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
var _valid2 = _errs154 === errors;
valid36 = valid36 || _valid2;
if(!valid36){
const _errs156 = errors;
if(data63 && typeof data63 == "object" && !Array.isArray(data63)){
if(data63.name === undefined){
const err157 = {instancePath:instancePath+"/access/permissionsBoundary",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
for(const key19 in data63){
if(!((key19 === "name") || (key19 === "path"))){
const err158 = {instancePath:instancePath+"/access/permissionsBoundary",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
}
if(data63.name !== undefined){
let data64 = data63.name;
if(typeof data64 === "string"){
if(!pattern15.test(data64)){
const err159 = {instancePath:instancePath+"/access/permissionsBoundary/name",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/properties/name/pattern",keyword:"pattern",params:{pattern: "^[\\w+=,.@-]{1,128}$"},message:"must match pattern \""+"^[\\w+=,.@-]{1,128}$"+"\""};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
}
else {
const err160 = {instancePath:instancePath+"/access/permissionsBoundary/name",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
if(data63.path !== undefined){
let data65 = data63.path;
if(typeof data65 === "string"){
if(!pattern17.test(data65)){
const err161 = {instancePath:instancePath+"/access/permissionsBoundary/path",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/properties/path/pattern",keyword:"pattern",params:{pattern: "^/([\\x21-\\x7E]{0,510}/)?$"},message:"must match pattern \""+"^/([\\x21-\\x7E]{0,510}/)?$"+"\""};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
else {
const err162 = {instancePath:instancePath+"/access/permissionsBoundary/path",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
}
else {
const err163 = {instancePath:instancePath+"/access/permissionsBoundary",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
var _valid2 = _errs156 === errors;
valid36 = valid36 || _valid2;
}
if(!valid36){
const err164 = {instancePath:instancePath+"/access/permissionsBoundary",schemaPath:"#/properties/access/properties/permissionsBoundary/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf"};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
else {
errors = _errs153;
if(vErrors !== null){
if(_errs153){
vErrors.length = _errs153;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err165 = {instancePath:instancePath+"/access",schemaPath:"#/properties/access/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
}
if(data.secrets !== undefined){
let data66 = data.secrets;
if(data66 && typeof data66 == "object" && !Array.isArray(data66)){
for(const key20 in data66){
if(!(key20 === "zoneNamePrefix")){
const err166 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
if(data66.zoneNamePrefix !== undefined){
if(typeof data66.zoneNamePrefix !== "boolean"){
const err167 = {instancePath:instancePath+"/secrets/zoneNamePrefix",schemaPath:"#/properties/secrets/properties/zoneNamePrefix/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
}
else {
const err168 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
if(data.protection !== undefined){
let data68 = data.protection;
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
for(const key21 in data68){
if(!(key21 === "preventDestroy")){
const err169 = {instancePath:instancePath+"/protection",schemaPath:"#/properties/protection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
if(data68.preventDestroy !== undefined){
if(typeof data68.preventDestroy !== "boolean"){
const err170 = {instancePath:instancePath+"/protection/preventDestroy",schemaPath:"#/properties/protection/properties/preventDestroy/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
}
else {
const err171 = {instancePath:instancePath+"/protection",schemaPath:"#/properties/protection/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
}
if(data.audit !== undefined){
let data70 = data.audit;
if(data70 && typeof data70 == "object" && !Array.isArray(data70)){
for(const key22 in data70){
if(!((key22 === "roleName") || (key22 === "regions"))){
const err172 = {instancePath:instancePath+"/audit",schemaPath:"#/properties/audit/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
}
if(data70.roleName !== undefined){
let data71 = data70.roleName;
if(typeof data71 === "string"){
if(func3(data71) > 512){
const err173 = {instancePath:instancePath+"/audit/roleName",schemaPath:"#/properties/audit/properties/roleName/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters"};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
if(!pattern52.test(data71)){
const err174 = {instancePath:instancePath+"/audit/roleName",schemaPath:"#/properties/audit/properties/roleName/pattern",keyword:"pattern",params:{pattern: "^([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$"},message:"must match pattern \""+"^([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$"+"\""};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
}
else {
const err175 = {instancePath:instancePath+"/audit/roleName",schemaPath:"#/properties/audit/properties/roleName/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
if(data70.regions !== undefined){
let data72 = data70.regions;
if(Array.isArray(data72)){
if(data72.length < 1){
const err176 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
const len7 = data72.length;
for(let i7=0; i7<len7; i7++){
let data73 = data72[i7];
if(typeof data73 === "string"){
if(!pattern23.test(data73)){
const err177 = {instancePath:instancePath+"/audit/regions/" + i7,schemaPath:"#/properties/audit/properties/regions/items/pattern",keyword:"pattern",params:{pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$"},message:"must match pattern \""+"^[a-z]{2}(-[a-z]+)+-[0-9]+$"+"\""};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
else {
const err178 = {instancePath:instancePath+"/audit/regions/" + i7,schemaPath:"#/properties/audit/properties/regions/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
}
else {
const err179 = {instancePath:instancePath+"/audit/regions",schemaPath:"#/properties/audit/properties/regions/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
}
}
else {
const err180 = {instancePath:instancePath+"/audit",schemaPath:"#/properties/audit/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
}
if(data.quotas !== undefined){
let data74 = data.quotas;
if(data74 && typeof data74 == "object" && !Array.isArray(data74)){
for(const key23 in data74){
if(!((((key23 === "permissionSetsPerInstance") || (key23 === "permissionSetsPerAccount")) || (key23 === "rolesPerAccount")) || (key23 === "appRolesPerApplication"))){
const err181 = {instancePath:instancePath+"/quotas",schemaPath:"#/properties/quotas/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
}
if(data74.permissionSetsPerInstance !== undefined){
let data75 = data74.permissionSetsPerInstance;
if(!(((typeof data75 == "number") && (!(data75 % 1) && !isNaN(data75))) && (isFinite(data75)))){
const err182 = {instancePath:instancePath+"/quotas/permissionSetsPerInstance",schemaPath:"#/properties/quotas/properties/permissionSetsPerInstance/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
if((typeof data75 == "number") && (isFinite(data75))){
if(data75 < 1 || isNaN(data75)){
const err183 = {instancePath:instancePath+"/quotas/permissionSetsPerInstance",schemaPath:"#/properties/quotas/properties/permissionSetsPerInstance/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
}
}
if(data74.permissionSetsPerAccount !== undefined){
let data76 = data74.permissionSetsPerAccount;
if(!(((typeof data76 == "number") && (!(data76 % 1) && !isNaN(data76))) && (isFinite(data76)))){
const err184 = {instancePath:instancePath+"/quotas/permissionSetsPerAccount",schemaPath:"#/properties/quotas/properties/permissionSetsPerAccount/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
if((typeof data76 == "number") && (isFinite(data76))){
if(data76 < 1 || isNaN(data76)){
const err185 = {instancePath:instancePath+"/quotas/permissionSetsPerAccount",schemaPath:"#/properties/quotas/properties/permissionSetsPerAccount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
}
if(data74.rolesPerAccount !== undefined){
let data77 = data74.rolesPerAccount;
if(!(((typeof data77 == "number") && (!(data77 % 1) && !isNaN(data77))) && (isFinite(data77)))){
const err186 = {instancePath:instancePath+"/quotas/rolesPerAccount",schemaPath:"#/properties/quotas/properties/rolesPerAccount/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
if((typeof data77 == "number") && (isFinite(data77))){
if(data77 < 1 || isNaN(data77)){
const err187 = {instancePath:instancePath+"/quotas/rolesPerAccount",schemaPath:"#/properties/quotas/properties/rolesPerAccount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
}
}
if(data74.appRolesPerApplication !== undefined){
let data78 = data74.appRolesPerApplication;
if(!(((typeof data78 == "number") && (!(data78 % 1) && !isNaN(data78))) && (isFinite(data78)))){
const err188 = {instancePath:instancePath+"/quotas/appRolesPerApplication",schemaPath:"#/properties/quotas/properties/appRolesPerApplication/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
if((typeof data78 == "number") && (isFinite(data78))){
if(data78 < 1 || isNaN(data78)){
const err189 = {instancePath:instancePath+"/quotas/appRolesPerApplication",schemaPath:"#/properties/quotas/properties/appRolesPerApplication/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
}
}
}
else {
const err190 = {instancePath:instancePath+"/quotas",schemaPath:"#/properties/quotas/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
}
else {
const err191 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

