"""Built-in bilingual catalogue: each resource kind's AWS service, its name and a one-line
definition, used for the report's "definition" sections unless the model gives its own."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Service:
    name_en: str
    name_ko: str
    definition_en: str
    definition_ko: str

    def name(self, language: str) -> str:
        return self.name_ko if language == "ko" else self.name_en

    def definition(self, language: str) -> str:
        return self.definition_ko if language == "ko" else self.definition_en


ROUTE53 = Service(
    "Route 53", "Route 53",
    "A scalable DNS web service for domain registration, DNS management and traffic routing.",
    "도메인 등록, DNS 관리, 트래픽 라우팅을 위한 확장 가능한 DNS 웹 서비스입니다.",
)

SERVICES: dict[str, Service] = {
    "users": Service(
        "Users", "사용자",
        "People or systems outside AWS that use the application over the internet.",
        "인터넷을 통해 애플리케이션을 이용하는 AWS 외부의 사람 또는 시스템입니다.",
    ),
    "route53_zone": ROUTE53,
    "route53_record": ROUTE53,
    "acm_certificate": Service(
        "ACM (AWS Certificate Manager)", "ACM(AWS Certificate Manager)",
        "Provisions and manages SSL/TLS certificates for AWS services such as load balancers.",
        "SSL/TLS 인증서를 손쉽게 생성하고 관리하여 웹 애플리케이션의 보안을 강화할 수 있도록 "
        "지원하는 서비스입니다.",
    ),
    "cloudfront_distribution": Service(
        "CloudFront", "CloudFront",
        "A content delivery network that caches content at edge locations close to users.",
        "사용자와 가까운 엣지 로케이션에 콘텐츠를 캐싱하여 빠르게 전송하는 콘텐츠 전송 "
        "네트워크(CDN) 서비스입니다.",
    ),
    "vpc": Service(
        "Amazon VPC", "Amazon VPC",
        "A logically isolated virtual network in which AWS resources are launched.",
        "AWS 리소스를 배치하는 논리적으로 격리된 가상 네트워크입니다.",
    ),
    "subnet": Service(
        "Subnet", "서브넷",
        "A range of IP addresses of a VPC in one Availability Zone, public or private.",
        "하나의 가용 영역 안에 있는 VPC의 IP 주소 범위로, 퍼블릭 또는 프라이빗으로 구분됩니다.",
    ),
    "internet_gateway": Service(
        "Internet gateway", "인터넷 게이트웨이",
        "Connects a VPC to the internet for resources in its public subnets.",
        "VPC의 퍼블릭 서브넷에 있는 리소스를 인터넷과 연결해 주는 게이트웨이입니다.",
    ),
    "nat_gateway": Service(
        "NAT gateway", "NAT 게이트웨이",
        "A network address translation service that lets instances in private subnets reach "
        "the internet while staying unreachable from it.",
        "AWS에서 제공하는 네트워크 주소 변환 서비스로, 사설 서브넷의 EC2 인스턴스가 인터넷에 "
        "접근할 수 있도록 IP 주소 변환을 지원합니다.",
    ),
    "route_table": Service(
        "Route table", "라우팅 테이블",
        "A set of rules that decides where network traffic from a subnet is directed.",
        "서브넷에서 나가는 네트워크 트래픽의 경로를 결정하는 규칙의 집합입니다.",
    ),
    "vpc_endpoint": Service(
        "VPC endpoint", "VPC 엔드포인트",
        "Connects a VPC privately to AWS services such as S3 without crossing the internet.",
        "인터넷을 거치지 않고 VPC를 S3 등의 AWS 서비스에 비공개로 연결하는 기능입니다.",
    ),
    "security_group": Service(
        "Security group", "보안 그룹",
        "A stateful virtual firewall that controls inbound and outbound traffic of resources.",
        "리소스의 인바운드 및 아웃바운드 트래픽을 제어하는 상태 저장형 가상 방화벽입니다.",
    ),
    "alb": Service(
        "ALB (Application Load Balancer)", "ALB(Application Load Balancer)",
        "An application-level load balancer for HTTP and HTTPS that spreads traffic over "
        "targets for availability and scale.",
        "HTTP와 HTTPS 트래픽을 대상으로 한 애플리케이션 레벨의 로드 밸런서로, 웹 애플리케이션의 "
        "트래픽을 분산시켜 가용성과 확장성을 제공합니다.",
    ),
    "target_group": Service(
        "Target group", "타겟 그룹",
        "The set of targets a load balancer forwards to, with their health checks.",
        "로드 밸런서가 트래픽을 전달할 대상의 묶음으로, 대상의 상태를 헬스 체크로 확인합니다.",
    ),
    "ec2_instance": Service(
        "EC2 (Elastic Compute Cloud)", "EC2(Elastic Compute Cloud)",
        "Virtual servers with resizable compute capacity for hosting and running applications.",
        "AWS의 가상 서버 제공 서비스로, 필요에 따라 확장 가능한 컴퓨팅 용량을 제공하여 "
        "애플리케이션 호스팅 및 실행을 지원합니다.",
    ),
    "autoscaling_group": Service(
        "EC2 Auto Scaling", "EC2 Auto Scaling",
        "Keeps the number of EC2 instances matched to demand and replaces unhealthy ones.",
        "수요에 맞춰 EC2 인스턴스 수를 조절하고 비정상 인스턴스를 교체하는 서비스입니다.",
    ),
    "lambda_function": Service(
        "AWS Lambda", "AWS Lambda",
        "Runs code in response to events without provisioning or managing servers.",
        "서버를 프로비저닝하거나 관리하지 않고 이벤트에 따라 코드를 실행하는 서비스입니다.",
    ),
    "iam_role": Service(
        "IAM (Identity and Access Management)", "IAM(Identity and Access Management)",
        "Controls access to AWS resources; a role grants permissions to a service such as EC2.",
        "AWS 리소스에 대한 접근 제어 및 권한 관리 서비스로, 사용자의 접근 권한을 세밀하게 "
        "설정하여 보안을 강화할 수 있습니다.",
    ),
    "s3_bucket": Service(
        "S3 (Simple Storage Service)", "S3(Simple Storage Service)",
        "Object storage that stores and serves large amounts of data durably.",
        "AWS의 객체 스토리지 서비스로, 대규모 데이터를 안정적으로 저장하고 관리하며 다양한 "
        "애플리케이션에 필요한 파일을 저장하기에 적합합니다.",
    ),
    "ssm_session_manager": Service(
        "Session Manager", "Session Manager",
        "A capability of AWS Systems Manager that opens audited shell sessions to instances "
        "without SSH keys or open inbound ports.",
        "AWS Systems Manager의 기능으로, SSH 키나 열린 인바운드 포트 없이 EC2 인스턴스에 "
        "안전하게 접속하고 세션 기록을 남길 수 있게 해 줍니다.",
    ),
    "rds_instance": Service(
        "Amazon RDS", "Amazon RDS",
        "A managed relational database service (MySQL, PostgreSQL and others).",
        "MySQL, PostgreSQL 등의 관계형 데이터베이스를 관리형으로 제공하는 서비스입니다.",
    ),
}

# One-line descriptions of common AWS managed policies, for the IAM policy table.
MANAGED_POLICIES: dict[str, tuple[str, str]] = {
    "AmazonS3ReadOnlyAccess": ("Read-only access to all S3 buckets.",
                               "모든 S3 버킷에 대한 읽기 전용 권한을 부여합니다."),
    "AmazonSSMManagedInstanceCore": (
        "Lets Systems Manager manage the instance (Session Manager, Run Command).",
        "Systems Manager가 인스턴스를 관리할 수 있게 합니다(Session Manager, Run Command)."),
    "AmazonS3FullAccess": ("Full access to all S3 buckets.",
                           "모든 S3 버킷에 대한 모든 권한을 부여합니다."),
    "CloudWatchAgentServerPolicy": ("Lets the CloudWatch agent publish metrics and logs.",
                                    "CloudWatch 에이전트가 지표와 로그를 게시할 수 있게 합니다."),
    "AWSLambdaBasicExecutionRole": ("Lets a Lambda function write logs to CloudWatch.",
                                    "Lambda 함수가 CloudWatch에 로그를 쓸 수 있게 합니다."),
    "AmazonEC2ReadOnlyAccess": ("Read-only access to EC2.", "EC2에 대한 읽기 전용 권한입니다."),
    "AdministratorAccess": ("Full access to every AWS service and resource.",
                            "모든 AWS 서비스와 리소스에 대한 모든 권한입니다."),
}


def policy_description(policy: str, language: str) -> str:
    name = policy.rsplit("/", 1)[-1]
    en, ko = MANAGED_POLICIES.get(name, ("AWS or customer managed policy.",
                                         "AWS 또는 고객 관리형 정책입니다."))
    return ko if language == "ko" else en
