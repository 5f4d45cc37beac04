/**
 * UI and error copy, zh-CN first with English beside it. Client-safe: no server imports.
 * Zod schemas use these keys as their messages; the tRPC error formatter and the forms translate them.
 */
import { placementsEn, placementsZh } from "./placements";
import { reportsEn, reportsZh } from "./reports";
import { postingsEn, postingsZh } from "./postings";
import { protectionEn, protectionZh } from "./protection";
import { reviewHoldsEn, reviewHoldsZh } from "./review-holds";
import { visibilityEn, visibilityZh } from "./visibility";
import { trustEn, trustZh } from "./trust";
import { accountEn, accountZh } from "./account";
import { internRulesEn, internRulesZh } from "./intern-rules";
import { followUpsEn, followUpsZh } from "./follow-ups";
import { allocationEn, allocationZh } from "./allocation";
import { uiShellEn, uiShellZh } from "./ui-shell";
import { usabilityEn, usabilityZh } from "./usability";
import { matchingEn, matchingZh } from "./matching";
import { apiEn, apiZh } from "./api";
import { funnelEn, funnelZh } from "./funnel";
import { savedSearchesEn, savedSearchesZh } from "./saved-searches";
import { searchPageEn, searchPageZh } from "./search-page";
import { importsEn, importsZh } from "./imports";
import { webhooksEn, webhooksZh } from "./webhooks";

export const locales = ["zh-CN", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "zh-CN";
export const localeCookie = "locale";

const zh = {
  ...postingsZh,
  ...placementsZh,
  ...reportsZh,
  ...protectionZh,
  ...reviewHoldsZh,
  ...visibilityZh,
  ...trustZh,
  ...accountZh,
  ...internRulesZh,
  ...followUpsZh,
  ...allocationZh,
  ...uiShellZh,
  ...usabilityZh,
  ...matchingZh,
  ...apiZh,
  ...funnelZh,
  ...savedSearchesZh,
  ...searchPageZh,
  ...importsZh,
  ...webhooksZh,
  "app.name": "产教桥",
  "app.fullName": "产教桥 EduBridge",
  "app.tagline": "职业教育校企合作供需对接平台",
  "nav.home": "我的首页",
  "nav.signIn": "登录",
  "nav.signUp": "注册",
  "nav.signOut": "退出登录",
  "nav.profile": "个人档案",
  "nav.organisation": "机构资料",
  "nav.adminOrganisations": "机构审核",
  "nav.language": "English",
  "nav.menu": "菜单",

  "role.student": "学生",
  "role.school": "学校",
  "role.enterprise": "企业",
  "role.admin": "管理员",
  "membership.owner": "负责人",
  "membership.staff": "工作人员",

  "level.secondary": "中职",
  "level.higher_vocational": "高职专科",
  "level.vocational_bachelor": "职业本科",

  "status.pending": "待审核",
  "status.verified": "已认证",
  "status.rejected": "未通过",

  "landing.title": "让学校、企业和学生在一座桥上相遇",
  "landing.lead":
    "按地区、行业和专业精准匹配实训基地、岗位实习、学徒岗位和订单班，实习管理规定在数据写入时即被执行。",
  "landing.forSchools": "面向学校",
  "landing.forSchoolsText": "发布专业与生源、实训基地和培训服务，找到对口企业，安排并跟踪学生实习。",
  "landing.forEnterprises": "面向企业",
  "landing.forEnterprisesText": "发布岗位实习、学徒岗位、订单班和实训基地，找到对口学校与学生。",
  "landing.forStudents": "面向学生",
  "landing.forStudentsText": "维护个人档案，查找推荐的实习岗位，在线申请并跟进进度。",
  "landing.rules": "依规实习",
  "landing.rulesText":
    "依据《职业学校学生实习管理规定》，禁止向学生收费、实习报酬不低于同岗位工资 80%、不得安排到娱乐场所或经中介安置。",
  "landing.stats": "平台数据",
  "landing.statSchools": "所学校",
  "landing.statEnterprises": "家企业",
  "landing.statStudents": "名学生",
  "landing.getStarted": "立即注册",

  "auth.signInTitle": "登录产教桥",
  "auth.identifier": "邮箱或手机号",
  "auth.password": "密码",
  "auth.submitSignIn": "登录",
  "auth.badCredentials": "账号或密码不正确",
  "auth.noAccount": "还没有账号？",
  "auth.haveAccount": "已有账号？",
  "auth.signUpTitle": "注册产教桥",
  "auth.signUpAs": "选择注册身份",
  "auth.signUpEnterprise": "企业注册",
  "auth.signUpEnterpriseText": "以统一社会信用代码登记企业，注册人成为企业负责人。",
  "auth.signUpSchool": "学校注册",
  "auth.signUpSchoolText": "以学校标识码登记学校，注册人成为学校负责人。",
  "auth.signUpStudent": "学生注册",
  "auth.signUpStudentText": "凭学校发放的邀请码加入学校。",
  "auth.accountSection": "账号信息",
  "auth.name": "姓名",
  "auth.email": "邮箱",
  "auth.mobile": "手机号",
  "auth.emailOrMobileHint": "邮箱和手机号至少填写一项，均可用于登录",
  "auth.passwordHint": "至少 8 位，须同时包含字母和数字",
  "auth.submitSignUp": "注册并登录",
  "auth.demoAccounts": "演示账号",

  "org.section": "机构信息",
  "org.name": "名称",
  "org.schoolName": "学校名称",
  "org.enterpriseName": "企业名称",
  "org.uscc": "统一社会信用代码",
  "org.usccHint": "18 位，见营业执照",
  "org.schoolCode": "学校标识码",
  "org.schoolCodeHint": "10 位数字，教育部颁发",
  "org.schoolLevel": "办学层次",
  "org.industry": "所属行业",
  "org.staffCount": "职工人数",
  "org.integrationCertified": "产教融合型企业（已认定）",
  "org.region": "所在地区",
  "org.address": "详细地址",
  "org.description": "简介",
  "org.contactName": "联系人",
  "org.contactPhone": "联系电话",
  "org.website": "网址",
  "org.specialties": "开设专业",
  "org.verification": "认证状态",
  "org.rejectionReason": "未通过原因",
  "org.edit": "编辑资料",
  "org.save": "保存",
  "org.saved": "已保存",
  "org.members": "成员",
  "org.notFound": "机构不存在",
  "org.pendingNotice": "机构资料正在审核中，审核通过后方可发布信息。",
  "org.rejectedNotice": "机构认证未通过：{reason}。请修改资料，保存后将重新提交审核。",

  "student.section": "学籍信息",
  "student.school": "所在学校",
  "student.specialty": "专业",
  "student.enrolmentYear": "入学年份",
  "student.birthDate": "出生日期",
  "student.preferredRegions": "意向地区",
  "student.bio": "个人简介",
  "student.visible": "允许企业查看我的档案",
  "student.invitationCode": "学校邀请码",
  "student.invitationCodeHint": "向学校老师索取",
  "student.profile": "我的档案",
  "student.editProfile": "编辑档案",
  "student.addRegion": "添加意向地区",
  "student.remove": "移除",
  "student.age": "{age} 岁",
  "student.year": "{year} 级",

  "invite.title": "学生邀请码",
  "invite.create": "生成邀请码",
  "invite.label": "备注（如班级）",
  "invite.maxUses": "可用次数",
  "invite.validDays": "有效天数",
  "invite.code": "邀请码",
  "invite.used": "已用 {used} / {max}",
  "invite.expires": "有效期至 {date}",
  "invite.revoke": "作废",
  "invite.revoked": "已作废",
  "invite.none": "还没有邀请码",

  "home.welcome": "你好，{name}",
  "home.student": "学生首页",
  "home.school": "学校工作台",
  "home.enterprise": "企业工作台",
  "home.admin": "管理后台",
  "home.students": "在校学生",
  "home.pendingOrganisations": "待审核机构",
  "home.organisations": "机构总数",
  "home.users": "用户总数",
  "home.reviewNow": "去审核",
  "home.searchStudents": "搜索姓名或专业",

  "admin.title": "机构审核",
  "admin.filterStatus": "认证状态",
  "admin.filterKind": "机构类型",
  "admin.all": "全部",
  "admin.search": "搜索名称或代码",
  "admin.verify": "通过",
  "admin.reject": "驳回",
  "admin.reason": "驳回原因",
  "admin.submitReject": "确认驳回",
  "admin.cancel": "取消",
  "admin.empty": "没有符合条件的机构",
  "admin.loadMore": "加载更多",
  "admin.submittedAt": "提交时间",
  "admin.count": "共 {n} 个机构",

  "picker.search": "搜索名称或代码",
  "picker.choose": "请选择",
  "picker.clear": "清除",
  "picker.noResults": "无匹配结果",
  "picker.region": "选择地区",
  "picker.specialty": "选择专业",
  "picker.industry": "选择行业",
  "picker.close": "关闭",
  "picker.pick": "选定",
  "picker.back": "返回上级",

  "common.loading": "加载中…",
  "common.yes": "是",
  "common.no": "否",
  "common.error": "出错了",
  "common.required": "必填",
  "common.view": "查看",
  "common.notAllowed": "无权访问此页面",

  "errors.required": "此项为必填项",
  "errors.name": "请填写姓名（1–40 个字）",
  "errors.orgName": "请填写名称（2–80 个字）",
  "errors.email": "邮箱格式不正确",
  "errors.mobile": "手机号应为 11 位，以 1 开头",
  "errors.identifierMissing": "请至少填写邮箱或手机号",
  "errors.passwordShort": "密码至少 8 位",
  "errors.passwordLong": "密码不能超过 128 位",
  "errors.passwordWeak": "密码须同时包含字母和数字",
  "errors.passwordCommon": "密码过于常见，请换一个",
  "errors.usccLength": "统一社会信用代码应为 18 位",
  "errors.usccCharacters": "统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）",
  "errors.usccChecksum": "统一社会信用代码校验位不正确，请核对营业执照",
  "errors.schoolCode": "学校标识码应为 10 位数字",
  "errors.schoolLevel": "请选择办学层次",
  "errors.region": "请选择到区县一级的地区",
  "errors.regionUnknown": "地区代码不存在",
  "errors.industry": "请选择行业",
  "errors.industryUnknown": "行业代码不存在",
  "errors.specialty": "请选择专业",
  "errors.specialtyUnknown": "专业代码不存在",
  "errors.specialtyNotMajor": "请选择到具体专业",
  "errors.address": "请填写详细地址（2–200 个字）",
  "errors.staffCount": "职工人数应为 1 至 10,000,000 之间的整数",
  "errors.birthDate": "出生日期格式应为 YYYY-MM-DD",
  "errors.birthDateFuture": "出生日期不能晚于今天",
  "errors.birthDateOld": "出生日期不合理",
  "errors.enrolmentYear": "入学年份应在 2000 年至明年之间",
  "errors.enrolmentBeforeBirth": "入学年份与出生日期不符（入学时应已满 10 周岁）",
  "errors.invitationCode": "邀请码格式不正确",
  "errors.invitationUnknown": "邀请码不存在，请向学校老师核实",
  "errors.invitationUsedUp": "邀请码已用完，请向学校老师索取新的邀请码",
  "errors.invitationExpired": "邀请码已过期，请向学校老师索取新的邀请码",
  "errors.invitationRevoked": "邀请码已作废，请向学校老师索取新的邀请码",
  "errors.emailTaken": "该邮箱已注册",
  "errors.mobileTaken": "该手机号已注册",
  "errors.usccTaken": "该统一社会信用代码已登记",
  "errors.schoolCodeTaken": "该学校标识码已登记",
  "errors.text": "内容过长",
  "errors.website": "网址应以 http:// 或 https:// 开头",
  "errors.phone": "联系电话格式不正确",
  "errors.rejectReason": "请填写驳回原因（2–200 个字）",
  "errors.maxUses": "可用次数应为 1 至 1,000",
  "errors.validDays": "有效天数应为 1 至 365",
  "errors.tooManyRegions": "意向地区最多 5 个",

  "errors.UNAUTHORIZED": "请先登录",
  "errors.FORBIDDEN": "没有权限进行此操作",
  "errors.NOT_FOUND": "要找的内容不存在",
  "errors.BAD_REQUEST": "提交的内容有误，请检查标出的字段",
  "errors.invalidOption": "请从列出的选项中选择",
  "errors.invalidValue": "此项内容不符合要求",
  "errors.nulCharacter": "内容含有无法保存的控制字符（U+0000），请删除后重试",
  "errors.loneSurrogate": "内容含有残缺的字符编码（孤立的代理项），可能来自复制粘贴，请删除该字符后重试",
  "errors.CONFLICT": "内容与已有记录冲突",
  "errors.INTERNAL_SERVER_ERROR": "服务器出错，请稍后再试",
  "errors.notOrgMember": "你不是该机构的成员",
  "errors.roleRequired": "此操作仅限{roles}",
  "errors.orgNotSchool": "该机构不是学校",
  "errors.TOO_MANY_REQUESTS": "操作过于频繁，请稍后再试",
  "errors.rateLimited": "操作过于频繁，请 {minutes} 分钟后再试",
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  ...postingsEn,
  ...placementsEn,
  ...reportsEn,
  ...protectionEn,
  ...reviewHoldsEn,
  ...visibilityEn,
  ...trustEn,
  ...accountEn,
  ...internRulesEn,
  ...followUpsEn,
  ...allocationEn,
  ...uiShellEn,
  ...usabilityEn,
  ...matchingEn,
  ...apiEn,
  ...funnelEn,
  ...savedSearchesEn,
  ...searchPageEn,
  ...importsEn,
  ...webhooksEn,
  "app.name": "EduBridge",
  "app.fullName": "EduBridge 产教桥",
  "app.tagline": "Matching vocational schools and enterprises",
  "nav.home": "My home",
  "nav.signIn": "Sign in",
  "nav.signUp": "Sign up",
  "nav.signOut": "Sign out",
  "nav.profile": "My profile",
  "nav.organisation": "Organisation",
  "nav.adminOrganisations": "Verification",
  "nav.language": "中文",
  "nav.menu": "Menu",

  "role.student": "Student",
  "role.school": "School",
  "role.enterprise": "Enterprise",
  "role.admin": "Administrator",
  "membership.owner": "Owner",
  "membership.staff": "Staff",

  "level.secondary": "Secondary vocational",
  "level.higher_vocational": "Higher vocational",
  "level.vocational_bachelor": "Vocational bachelor",

  "status.pending": "Pending",
  "status.verified": "Verified",
  "status.rejected": "Rejected",

  "landing.title": "Where schools, enterprises and students meet",
  "landing.lead":
    "Training bases, placement internships, apprenticeships and order classes matched by region, industry and specialty — with the national internship rules enforced as data is written.",
  "landing.forSchools": "For schools",
  "landing.forSchoolsText": "Publish specialties and cohorts, training bases and services; find matching enterprises; place and follow students.",
  "landing.forEnterprises": "For enterprises",
  "landing.forEnterprisesText": "Post internships, apprenticeships, order classes and training bases; find matching schools and students.",
  "landing.forStudents": "For students",
  "landing.forStudentsText": "Keep a profile, find recommended internships, apply online and follow your applications.",
  "landing.rules": "Internships by the rules",
  "landing.rulesText":
    "Per the 2021 rules on vocational students' internships: no fees to students, pay at least 80% of the same post's wage, no placements in entertainment venues or through agents.",
  "landing.stats": "On the platform",
  "landing.statSchools": "schools",
  "landing.statEnterprises": "enterprises",
  "landing.statStudents": "students",
  "landing.getStarted": "Get started",

  "auth.signInTitle": "Sign in to EduBridge",
  "auth.identifier": "Email or mobile number",
  "auth.password": "Password",
  "auth.submitSignIn": "Sign in",
  "auth.badCredentials": "Wrong account or password",
  "auth.noAccount": "No account yet?",
  "auth.haveAccount": "Already have an account?",
  "auth.signUpTitle": "Sign up for EduBridge",
  "auth.signUpAs": "Sign up as",
  "auth.signUpEnterprise": "Enterprise",
  "auth.signUpEnterpriseText": "Register your enterprise with its unified social credit code; you become its owner.",
  "auth.signUpSchool": "School",
  "auth.signUpSchoolText": "Register your school with its school identification code; you become its owner.",
  "auth.signUpStudent": "Student",
  "auth.signUpStudentText": "Join your school with the invitation code it gave you.",
  "auth.accountSection": "Account",
  "auth.name": "Name",
  "auth.email": "Email",
  "auth.mobile": "Mobile number",
  "auth.emailOrMobileHint": "Give an email, a mobile number or both; either signs you in",
  "auth.passwordHint": "At least 8 characters, with letters and digits",
  "auth.submitSignUp": "Sign up and sign in",
  "auth.demoAccounts": "Demo accounts",

  "org.section": "Organisation",
  "org.name": "Name",
  "org.schoolName": "School name",
  "org.enterpriseName": "Enterprise name",
  "org.uscc": "Unified social credit code",
  "org.usccHint": "18 characters, on the business licence",
  "org.schoolCode": "School identification code",
  "org.schoolCodeHint": "10 digits, issued by the Ministry of Education",
  "org.schoolLevel": "Level",
  "org.industry": "Industry",
  "org.staffCount": "Staff headcount",
  "org.integrationCertified": "Certified industry–education integration enterprise",
  "org.region": "Region",
  "org.address": "Address",
  "org.description": "About",
  "org.contactName": "Contact person",
  "org.contactPhone": "Contact phone",
  "org.website": "Website",
  "org.specialties": "Specialties offered",
  "org.verification": "Verification",
  "org.rejectionReason": "Reason for rejection",
  "org.edit": "Edit",
  "org.save": "Save",
  "org.saved": "Saved",
  "org.members": "Members",
  "org.notFound": "Organisation not found",
  "org.pendingNotice": "Your organisation is being verified; you can publish once it is verified.",
  "org.rejectedNotice": "Verification was rejected: {reason}. Correct the details and save to resubmit.",

  "student.section": "Enrolment",
  "student.school": "School",
  "student.specialty": "Specialty",
  "student.enrolmentYear": "Year of enrolment",
  "student.birthDate": "Date of birth",
  "student.preferredRegions": "Preferred regions",
  "student.bio": "About me",
  "student.visible": "Let enterprises see my profile",
  "student.invitationCode": "School invitation code",
  "student.invitationCodeHint": "Ask your teacher for it",
  "student.profile": "My profile",
  "student.editProfile": "Edit profile",
  "student.addRegion": "Add a preferred region",
  "student.remove": "Remove",
  "student.age": "{age} years old",
  "student.year": "Class of {year}",

  "invite.title": "Student invitation codes",
  "invite.create": "Create a code",
  "invite.label": "Label (e.g. class)",
  "invite.maxUses": "Uses allowed",
  "invite.validDays": "Valid for (days)",
  "invite.code": "Code",
  "invite.used": "Used {used} / {max}",
  "invite.expires": "Valid until {date}",
  "invite.revoke": "Revoke",
  "invite.revoked": "Revoked",
  "invite.none": "No invitation codes yet",

  "home.welcome": "Hello, {name}",
  "home.student": "Student home",
  "home.school": "School workspace",
  "home.enterprise": "Enterprise workspace",
  "home.admin": "Administration",
  "home.students": "Students",
  "home.pendingOrganisations": "Awaiting verification",
  "home.organisations": "Organisations",
  "home.users": "Users",
  "home.reviewNow": "Review",
  "home.searchStudents": "Search name or specialty",

  "admin.title": "Organisation verification",
  "admin.filterStatus": "Status",
  "admin.filterKind": "Kind",
  "admin.all": "All",
  "admin.search": "Search name or code",
  "admin.verify": "Verify",
  "admin.reject": "Reject",
  "admin.reason": "Reason",
  "admin.submitReject": "Reject",
  "admin.cancel": "Cancel",
  "admin.empty": "No organisations match",
  "admin.loadMore": "Load more",
  "admin.submittedAt": "Submitted",
  "admin.count": "{n} organisations",

  "picker.search": "Search name or code",
  "picker.choose": "Choose",
  "picker.clear": "Clear",
  "picker.noResults": "No matches",
  "picker.region": "Choose a region",
  "picker.specialty": "Choose a specialty",
  "picker.industry": "Choose an industry",
  "picker.close": "Close",
  "picker.pick": "Select",
  "picker.back": "Up one level",

  "common.loading": "Loading…",
  "common.yes": "Yes",
  "common.no": "No",
  "common.error": "Something went wrong",
  "common.required": "required",
  "common.view": "View",
  "common.notAllowed": "You may not open this page",

  "errors.required": "This field is required",
  "errors.name": "Enter a name (1–40 characters)",
  "errors.orgName": "Enter a name (2–80 characters)",
  "errors.email": "Not a valid email address",
  "errors.mobile": "A mobile number has 11 digits and starts with 1",
  "errors.identifierMissing": "Give at least an email or a mobile number",
  "errors.passwordShort": "At least 8 characters",
  "errors.passwordLong": "At most 128 characters",
  "errors.passwordWeak": "Use both letters and digits",
  "errors.passwordCommon": "This password is too common",
  "errors.usccLength": "A unified social credit code has 18 characters",
  "errors.usccCharacters": "The code has characters a USCC cannot contain (I, O, S, V and Z are not used)",
  "errors.usccChecksum": "The check character of this unified social credit code is wrong; compare it with the business licence",
  "errors.schoolCode": "A school identification code has 10 digits",
  "errors.schoolLevel": "Choose the school's level",
  "errors.region": "Choose a region down to the county",
  "errors.regionUnknown": "Unknown region code",
  "errors.industry": "Choose an industry",
  "errors.industryUnknown": "Unknown industry code",
  "errors.specialty": "Choose a specialty",
  "errors.specialtyUnknown": "Unknown specialty code",
  "errors.specialtyNotMajor": "Choose a specialty, not a group or class",
  "errors.address": "Enter an address (2–200 characters)",
  "errors.staffCount": "Staff headcount is a whole number from 1 to 10,000,000",
  "errors.birthDate": "Date of birth as YYYY-MM-DD",
  "errors.birthDateFuture": "Date of birth cannot be in the future",
  "errors.birthDateOld": "Date of birth is not plausible",
  "errors.enrolmentYear": "Year of enrolment between 2000 and next year",
  "errors.enrolmentBeforeBirth": "Enrolment year does not fit the date of birth (at least 10 years old at enrolment)",
  "errors.invitationCode": "Invitation codes look like ABCD-2345",
  "errors.invitationUnknown": "No such invitation code; check it with your teacher",
  "errors.invitationUsedUp": "This invitation code is used up; ask your teacher for a new one",
  "errors.invitationExpired": "This invitation code has expired; ask your teacher for a new one",
  "errors.invitationRevoked": "This invitation code was revoked; ask your teacher for a new one",
  "errors.emailTaken": "This email is already registered",
  "errors.mobileTaken": "This mobile number is already registered",
  "errors.usccTaken": "An enterprise with this code is already registered",
  "errors.schoolCodeTaken": "A school with this code is already registered",
  "errors.text": "Too long",
  "errors.website": "A website starts with http:// or https://",
  "errors.phone": "Not a valid phone number",
  "errors.rejectReason": "Give a reason (2–200 characters)",
  "errors.maxUses": "Uses allowed: 1 to 1,000",
  "errors.validDays": "Valid for 1 to 365 days",
  "errors.tooManyRegions": "At most 5 preferred regions",

  "errors.UNAUTHORIZED": "Please sign in first",
  "errors.FORBIDDEN": "You are not allowed to do this",
  "errors.NOT_FOUND": "Not found",
  "errors.BAD_REQUEST": "Some fields need correcting",
  "errors.invalidOption": "Choose one of the listed options",
  "errors.invalidValue": "This value is not valid",
  "errors.nulCharacter": "The text holds a control character that cannot be stored (U+0000); remove it and try again",
  "errors.loneSurrogate": "The text holds half of a character (a lone surrogate), perhaps from copy and paste; remove it and try again",
  "errors.CONFLICT": "This conflicts with an existing record",
  "errors.INTERNAL_SERVER_ERROR": "Server error; please try again later",
  "errors.notOrgMember": "You are not a member of this organisation",
  "errors.roleRequired": "Only for {roles}",
  "errors.orgNotSchool": "This organisation is not a school",
  "errors.TOO_MANY_REQUESTS": "Too many attempts; please try again later",
  "errors.rateLimited": "Too many attempts; please try again in {minutes} minutes",
};

const dictionaries: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zh, en };

/** One language's dictionary, for the root layout to hand to client components (so pages ship one language, not both). */
export function messagesFor(locale: Locale): Record<MessageKey, string> {
  return dictionaries[locale];
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Translates a key (unknown strings pass through unchanged, e.g. zod's own messages) and fills {params}. */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const text = isMessageKey(key) ? dictionaries[locale][key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** The one formatter for years, in every locale: four digits, no grouping. */
export function formatYear(year: number | string): string {
  return String(Math.trunc(Number(year)));
}

const formattersByLocale = new Map<Locale, ReturnType<typeof makeFormatters>>();

/**
 * Formats per locale: zh-CN dates as 2026年11月29日, numbers with grouping, money in CNY. One set per
 * locale, kept: building Intl formatters costs far more than using them, and pages ask per request.
 */
export function formatters(locale: Locale) {
  let made = formattersByLocale.get(locale);
  if (!made) formattersByLocale.set(locale, (made = makeFormatters(locale)));
  return made;
}

function makeFormatters(locale: Locale) {
  const tag = locale === "zh-CN" ? "zh-CN" : "en-GB";
  const date = new Intl.DateTimeFormat(tag, { year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Shanghai" });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const number = new Intl.NumberFormat(tag);
  const money = new Intl.NumberFormat(tag, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  return {
    date: (d: Date | string) => date.format(typeof d === "string" ? new Date(d) : d),
    dateTime: (d: Date) => dateTime.format(d),
    number: (n: number) => number.format(n),
    /** A calendar year, never grouped: 2027, not "2,027" (a year is a label, not a quantity). */
    year: formatYear,
    money: (n: number) => money.format(n),
  };
}
